import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('customer_pricing_rule')
export class PricingRuleEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 100 })
  customerId!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  carrier!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  service!: string | null;

  @Column({ type: 'varchar', length: 10 })
  type!: 'markup' | 'discount';

  /** numeric: TypeORM returns a string; converted at the service edge. */
  @Column({ type: 'numeric', precision: 9, scale: 4, nullable: true })
  percent!: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true })
  amount!: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
