import { Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { runMigrations } from './run-migrations';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // TypeORM's own logger prints failing queries with their parameters (addresses, names): off.
    // Failures reach the global error filter, which logs the error without parameters.
    logging: false,
    extra: {
      max: 20,
      // A lost server must not hang requests forever; the pool reconnects on the next query.
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      options: '-c timezone=UTC -c statement_timeout=30000',
    },
  };
}

/**
 * The PostgreSQL connection. Migrations run (under an advisory lock, so several instances can start
 * at once) before any other module sees the database.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), autoLoadEntities: true }),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        const applied = await runMigrations(dataSource);
        if (applied.length > 0) new Logger('Database').log(`applied migrations: ${applied.join(', ')}`);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
