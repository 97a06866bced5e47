import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators';
import { ShipmentsService } from '../shipments/shipments.service';
import { TrackingLinkDto, TrackingLinkRequestDto } from './dto/public-tracking-request.dto';
import { PublicTrackingService } from './public-tracking.service';

/**
 * For the merchant's systems: the link to put into the buyer's email. Signed (the default), it opens
 * the verified view straight away (masked address and items) until it expires; the page turns it
 * into the buyer's verification cookie and removes it from the address bar.
 */
@ApiTags('shipments')
@Controller('v1/shipments')
export class TrackingLinkController {
  constructor(
    private readonly shipments: ShipmentsService,
    private readonly publicTracking: PublicTrackingService,
  ) {}

  @Post(':id/tracking-link')
  @HttpCode(200)
  @RequireScopes('shipments')
  @ApiOperation({ summary: 'A tracking link for the buyer email, optionally signed to open the verified view' })
  @ApiOkResponse({ type: TrackingLinkDto })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  async create(@Param('id') id: string, @Body() body: TrackingLinkRequestDto): Promise<TrackingLinkDto> {
    const shipment = await this.shipments.get(id);
    const link = this.publicTracking.signedLink(shipment.trackingToken, body.verified === false ? null : (body.expiresInDays ?? 30));
    return { url: link.url, verifiedUntil: link.verifiedUntil?.toISOString() ?? null };
  }
}
