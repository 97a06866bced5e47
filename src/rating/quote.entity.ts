import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ShipmentSpec } from '../carriers/shipment-spec';
import type { OptionBookingData, QuoteView } from './quote.types';

@Entity('quote')
export class QuoteEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'api_key_id', type: 'varchar', length: 40, nullable: true })
  apiKeyId!: string | null;

  @Column({ name: 'customer_id', type: 'varchar', length: 100, nullable: true })
  customerId!: string | null;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 3 })
  incoterm!: string;

  // json, not jsonb: written once, read whole, never queried inside (see the QuoteJsonStorage migration).
  @Column({ type: 'json' })
  shipment!: ShipmentSpec;

  /** The answer as `POST /v1/quotes` returned it, for rows written before answers were stored deflated. */
  @Column({ type: 'json', nullable: true })
  response!: QuoteView | null;

  /** The answer's JSON text, raw-deflated (QuoteRepository reads and writes it). */
  @Column({ name: 'response_deflated', type: 'bytea', nullable: true })
  responseDeflated!: Buffer | null;

  /** Booking data per option id. */
  @Column({ type: 'json' })
  options!: Record<string, OptionBookingData>;
}
