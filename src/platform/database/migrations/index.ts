// Every migration, in order. `npm run migration:create -- Name` adds a file here.
import { Init1764219600000 } from './1764219600000-init';

export const MIGRATIONS = [Init1764219600000];
