import type { CombinedError } from '@urql/core';
import { errorInfo } from '../errors';
import { t } from '../i18n';
import { localRuleMessage, localServerMessage } from '../serverMessages';

/**
 * A server refusal placed on the form: messages by field path, and what belongs to no field.
 *
 * Field paths have one spelling, the input's own: dot-separated input field names with list indices
 * as numbers (`name`, `expectedEffect.value`, `inputs.2.code`); a leading `input.` is dropped. The
 * server names them in `extensions.field` (one field), `extensions.fields` (names, or
 * `{ field, problems }` from validation), and a unique-constraint CONFLICT names the column.
 */
export interface FormErrors {
  fields: Record<string, string>;
  general: string | null;
}

const COLUMN_TO_FIELD: Record<string, string> = { persona_code: 'code', unit_code: 'code' };

export function fieldPath(raw: string): string {
  const path = raw.replace(/^input\./, '').replace(/\[(\d+)\]/g, '.$1');
  return COLUMN_TO_FIELD[path] ?? path.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

const sentence = (text: string) => {
  const t = text.trim();
  return t ? t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.') : t;
};

export function formErrors(error: CombinedError): FormErrors {
  const info = errorInfo(error);
  const message = info.serverMessage ?? '';
  // Beside its field a message need not name the field (the Danish sentences would otherwise say it twice).
  const besideField = localServerMessage({ ...info, serverMessage: info.rawMessage }, { besideField: true }) ?? '';
  const fields: Record<string, string> = {};
  const field = info.extensions.field;
  const list = info.extensions.fields;
  if (Array.isArray(list)) {
    for (const item of list) {
      if (typeof item === 'string') fields[fieldPath(item)] = sentence(besideField);
      else if (item && typeof item === 'object' && 'field' in item && typeof item.field === 'string') {
        const problems = 'problems' in item && Array.isArray(item.problems) ? item.problems.filter((p: unknown): p is string => typeof p === 'string') : [];
        const rules = 'rules' in item && Array.isArray(item.rules) ? item.rules.filter((r: unknown): r is string => typeof r === 'string') : [];
        fields[fieldPath(item.field)] = sentence(localRuleMessage(rules, 'limits' in item ? item.limits : undefined) ?? (problems.join('; ') || besideField));
      }
    }
  }
  if (typeof field === 'string' && field) {
    // "code: must be ..." → the part after the field name reads better beside the field.
    fields[fieldPath(field)] = sentence(besideField.replace(new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\s*`), ''));
  }
  if (Object.keys(fields).length) return { fields, general: null };
  switch (info.code) {
    case 'NETWORK':
      return { fields, general: t('forms.noAnswer') };
    case 'FORBIDDEN':
      return { fields, general: info.serverMessage ?? t('forms.forbidden') };
    default:
      return { fields, general: sentence(message || t('forms.failed')) };
  }
}
