import path from 'node:path';
import { DataFileError } from '../../platform/data-files/data-file-problem';
import { loadYamlFile } from '../../platform/data-files/yaml-file';
import { CUSTOMS_FORM_RULES_SCHEMA, CustomsFormRules } from './customs-rules';

/** Reads `<tariffs>/documents/customs-forms.yaml`; throws DataFileError listing every problem. */
export async function loadCustomsFormRules(tariffsDir: string, baseDir = process.cwd()): Promise<CustomsFormRules> {
  const file = path.join(tariffsDir, 'documents', 'customs-forms.yaml');
  const loaded = await loadYamlFile<CustomsFormRules>(file, CUSTOMS_FORM_RULES_SCHEMA, baseDir);
  if (!loaded.value) throw new DataFileError(loaded.problems);
  return loaded.value;
}
