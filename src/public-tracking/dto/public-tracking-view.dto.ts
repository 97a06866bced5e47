import { ApiProperty } from '@nestjs/swagger';
import { TRACKING_STATUSES } from '../../tracking/domain/tracking-status';
import { LANGUAGES } from '../i18n/languages';

/**
 * OpenAPI description of `PublicTrackingView` (the JSON of GET /v1/public/tracking/:token and of the
 * page). Response documentation only: the service returns the view object itself.
 */
class MoneyDoc {
  @ApiProperty({ example: '31.85' }) amount!: string;
  @ApiProperty({ example: 'CHF' }) currency!: string;
}

class ProgressStepDoc {
  @ApiProperty({ example: 'customs' }) key!: string;
  @ApiProperty({ example: 'Customs' }) label!: string;
  @ApiProperty({ enum: ['done', 'current', 'todo'] }) state!: string;
}

class ProgressDoc {
  @ApiProperty({ example: 3 }) step!: number;
  @ApiProperty({ example: 5 }) steps!: number;
  @ApiProperty({ example: 60 }) percent!: number;
  @ApiProperty({ example: 'Step 3 of 5: Customs', description: 'Text alternative of the progress bar' }) text!: string;
  @ApiProperty({ enum: ['normal', 'attention', 'problem', 'returning', 'done', 'cancelled'] }) tone!: string;
  @ApiProperty({ type: [ProgressStepDoc] }) labels!: ProgressStepDoc[];
}

class FirstPromiseDoc {
  @ApiProperty({ example: '2026-11-26' }) earliest!: string;
  @ApiProperty({ example: '2026-11-26' }) latest!: string;
  @ApiProperty() text!: string;
}

class DeliveryWindowDoc {
  @ApiProperty({ example: '2026-11-27' }) earliest!: string;
  @ApiProperty({ example: '2026-11-28' }) latest!: string;
  @ApiProperty({ example: 'Between Fri 27 Nov and Sat 28 Nov' }) text!: string;
  @ApiProperty({ type: FirstPromiseDoc, nullable: true, description: 'The first promise, when the carrier has since moved the date' }) firstPromised!: FirstPromiseDoc | null;
}

class EventTimeDoc {
  @ApiProperty({ example: '2026-11-27T11:02:00+01:00', description: 'Local wall time with its offset when known' }) at!: string;
  @ApiProperty({ example: 'Fri, 27 Nov 2026, 11:02' }) text!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Europe/Zurich' }) timeZone!: string | null;
  @ApiProperty({ example: 'Central European Standard Time' }) zoneText!: string;
}

class LocationDoc {
  @ApiProperty({ nullable: true, type: String, example: 'Zürich' }) city!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'CH' }) country!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Switzerland' }) countryName!: string | null;
}

class PublicEventDoc {
  @ApiProperty({ enum: TRACKING_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String, example: 'customs.duties_due' }) substatus!: string | null;
  @ApiProperty({ example: 'Duties and taxes must be paid' }) statusText!: string;
  @ApiProperty({ description: 'Our wording of the carrier event (anonymous) or the carrier text scrubbed of personal data (verified)' }) description!: string;
  @ApiProperty({ example: '2026-11-25T08:15:00+01:00', description: 'Local wall time where the event happened, with its offset when known; never converted' }) occurredAt!: string;
  @ApiProperty({ example: 'Wed, 25 Nov 2026, 08:15' }) occurredAtText!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Europe/Zurich' }) timeZone!: string | null;
  @ApiProperty({ example: 'Central European Standard Time' }) timeZoneText!: string;
  @ApiProperty({ type: LocationDoc }) location!: LocationDoc;
  @ApiProperty() actionRequired!: boolean;
}

class CustomsDoc {
  @ApiProperty({ description: 'The parcel crosses a customs border' }) required!: boolean;
  @ApiProperty({ enum: ['not_required', 'pending', 'in_progress', 'information_required', 'duties_due', 'inspection_hold', 'cleared'] }) state!: string;
  @ApiProperty() stateText!: string;
  @ApiProperty({ enum: ['DDP', 'DAP'], nullable: true }) incoterm!: string | null;
  @ApiProperty({ enum: ['sender', 'recipient'], nullable: true, description: 'sender: DDP, or tax the seller collected at checkout; recipient: due on delivery' }) dutiesPayer!: string | null;
  @ApiProperty({ description: 'The recipient has duties or taxes to pay on delivery (never for tax the seller collected at checkout)' }) dutiesDue!: boolean;
  @ApiProperty({ type: MoneyDoc, nullable: true, description: 'Due from the recipient on delivery (DAP), when known; tax collected at checkout is not in it' }) dutiesAmount!: MoneyDoc | null;
  @ApiProperty({ nullable: true, type: String }) dutiesText!: string | null;
}

class ParcelDoc {
  @ApiProperty() current!: boolean;
  @ApiProperty({ example: 'Parcel 2 of 3' }) label!: string;
  @ApiProperty({ example: 'deutsche-post' }) carrier!: string;
  @ApiProperty({ example: 'Deutsche Post' }) carrierName!: string;
  @ApiProperty({ example: 'RR•••••••85DE' }) trackingNumberMasked!: string;
  @ApiProperty({ enum: TRACKING_STATUSES }) status!: string;
  @ApiProperty() statusText!: string;
  @ApiProperty({ type: DeliveryWindowDoc, nullable: true }) estimatedDelivery!: DeliveryWindowDoc | null;
  @ApiProperty({ type: [PublicEventDoc], description: 'Newest first; empty for the current parcel (see the top-level events)' }) events!: PublicEventDoc[];
}

class ReturnDoc {
  @ApiProperty({ nullable: true, type: String, example: 'RMA-1042' }) rma!: string | null;
  @ApiProperty({ example: 'Return RMA-1042' }) label!: string;
  @ApiProperty({ nullable: true, type: String, enum: ['requested', 'label_issued', 'in_transit', 'delivered_to_merchant', 'received', 'closed', 'cancelled', 'expired'] }) returnState!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Return label issued' }) returnStateText!: string | null;
  @ApiProperty() carrier!: string;
  @ApiProperty() carrierName!: string;
  @ApiProperty() trackingNumberMasked!: string;
  @ApiProperty({ enum: TRACKING_STATUSES }) status!: string;
  @ApiProperty() statusText!: string;
  @ApiProperty({ type: [PublicEventDoc] }) events!: PublicEventDoc[];
}

class VerifiedAddressDoc {
  @ApiProperty({ type: [String], example: ['J••• D•••', 'H••• •••', '10••• Berlin'] }) lines!: string[];
  @ApiProperty({ nullable: true, type: String, example: 'DE' }) country!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Germany' }) countryName!: string | null;
}

class VerifiedItemDoc {
  @ApiProperty({ example: 'Wool scarf' }) description!: string;
  @ApiProperty({ example: 2 }) quantity!: number;
  @ApiProperty({ example: '2 × Wool scarf' }) text!: string;
}

class VerifiedDoc {
  @ApiProperty({ nullable: true, type: String, example: 'ORDER-1001' }) orderReference!: string | null;
  @ApiProperty({ type: VerifiedAddressDoc }) address!: VerifiedAddressDoc;
  @ApiProperty({ type: [VerifiedItemDoc] }) items!: VerifiedItemDoc[];
}

export class PublicTrackingViewDoc {
  @ApiProperty({ enum: LANGUAGES }) language!: string;
  @ApiProperty({ enum: TRACKING_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String, example: 'customs.duties_due' }) substatus!: string | null;
  @ApiProperty({ example: 'In customs' }) statusText!: string;
  @ApiProperty({ nullable: true, type: String }) substatusText!: string | null;
  @ApiProperty() actionRequired!: boolean;
  @ApiProperty({ type: ProgressDoc }) progress!: ProgressDoc;
  @ApiProperty({ example: 'dhl-express' }) carrier!: string;
  @ApiProperty({ example: 'DHL Express' }) carrierName!: string;
  @ApiProperty({ nullable: true, type: String }) serviceName!: string | null;
  @ApiProperty({ example: '••••••7890', description: 'At least six characters hidden' }) trackingNumberMasked!: string;
  @ApiProperty({ type: DeliveryWindowDoc, nullable: true }) estimatedDelivery!: DeliveryWindowDoc | null;
  @ApiProperty({ type: EventTimeDoc, nullable: true }) delivered!: EventTimeDoc | null;
  @ApiProperty({ type: CustomsDoc }) customs!: CustomsDoc;
  @ApiProperty({ type: [PublicEventDoc], description: 'Newest first' }) events!: PublicEventDoc[];
  @ApiProperty({ type: [ParcelDoc], description: 'Every parcel of the order' }) parcels!: ParcelDoc[];
  @ApiProperty({ type: [ReturnDoc] }) returns!: ReturnDoc[];
  @ApiProperty({ type: EventTimeDoc, nullable: true }) lastUpdate!: EventTimeDoc | null;
  @ApiProperty({ type: VerifiedDoc, nullable: true, description: 'Only after the postal code was entered or through a signed merchant link' }) verified!: VerifiedDoc | null;
}
