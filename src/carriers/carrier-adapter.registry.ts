import { Inject, Injectable } from '@nestjs/common';
import type { CarrierAdapter } from './carrier-adapter';

/** Injection token under which every adapter is provided (a multi-provider list). */
export const CARRIER_ADAPTERS = Symbol('CARRIER_ADAPTERS');

/** Resolves a carrier definition's `adapter` code to the adapter that speaks to it. */
@Injectable()
export class CarrierAdapterRegistry {
  private readonly byCode: Map<string, CarrierAdapter>;

  constructor(@Inject(CARRIER_ADAPTERS) adapters: CarrierAdapter[]) {
    this.byCode = new Map(adapters.map((a) => [a.code, a]));
  }

  get(code: string): CarrierAdapter {
    const adapter = this.byCode.get(code);
    if (!adapter) throw new Error(`no carrier adapter registered for "${code}"`);
    return adapter;
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }
}
