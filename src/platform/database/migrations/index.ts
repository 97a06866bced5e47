// Every migration, in order. `npm run migration:create -- Name` adds a file here.
import { Init1764219600000 } from './1764219600000-init';

import { TrackingAndWebhooks1795757486121 } from './1795757486121-tracking-and-webhooks';
import { JobQueueSchema1795757490486 } from './1795757490486-job-queue-schema';
import { RateLimitCounters1795757754425 } from './1795757754425-rate-limit-counters';
import { ShipmentsAndDocuments1795758250268 } from './1795758250268-shipments-and-documents';
import { QuotesAndPricingRules1795758508875 } from './1795758508875-quotes-and-pricing-rules';
import { AppSecrets1795758908135 } from './1795758908135-app-secrets';
import { Returns1795759908032 } from './1795759908032-returns';
import { WebhookSecretRotation1795763603694 } from './1795763603694-webhook-secret-rotation';
import { QuoteJsonStorage1795764398594 } from './1795764398594-quote-json-storage';
import { QuoteResponseDeflated1795766124872 } from './1795766124872-quote-response-deflated';
import { PrintStationTimeZone1795767418770 } from './1795767418770-print-station-time-zone';
import { PublicTrackingLookupIndexes1795778989719 } from './1795778989719-public-tracking-lookup-indexes';
export const MIGRATIONS = [Init1764219600000, TrackingAndWebhooks1795757486121, JobQueueSchema1795757490486, RateLimitCounters1795757754425, ShipmentsAndDocuments1795758250268, QuotesAndPricingRules1795758508875, AppSecrets1795758908135, Returns1795759908032, WebhookSecretRotation1795763603694, QuoteJsonStorage1795764398594, QuoteResponseDeflated1795766124872, PrintStationTimeZone1795767418770, PublicTrackingLookupIndexes1795778989719];
