import type { CarrierDefinition } from './carrier-definition';

/** Every carrier definition loaded at boot, by id. */
export class CarrierCatalog {
  private readonly byId: ReadonlyMap<string, CarrierDefinition>;

  constructor(carriers: CarrierDefinition[]) {
    this.byId = new Map(carriers.map((c) => [c.id, c]));
  }

  all(): CarrierDefinition[] {
    return [...this.byId.values()];
  }

  get(id: string): CarrierDefinition | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }
}
