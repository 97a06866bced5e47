// Used only by the TypeORM CLI (`npm run migration:generate`); the app builds its DataSource in DatabaseModule.
import path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './database.module';

export default new DataSource({
  ...dataSourceOptions(loadConfig()),
  entities: [path.join(__dirname, '../../**/*.entity.js')],
});
