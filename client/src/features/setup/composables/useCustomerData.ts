import { useClientHandle } from '@urql/vue';
import { ref } from 'vue';
import type { EraseCustomerMutation } from '../../../graphql/generated';
import { errorInfo } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { EraseCustomerDocument, ExportCustomerDataDocument } from '../graphql/documents';

export type Erasure = EraseCustomerMutation['eraseCustomer'];
/** What the last export or erase came to: done, nothing held (NOT_FOUND), or an error to show. */
export type Outcome =
  | { kind: 'exported'; customerId: string; places: { place: string; rows: number }[] }
  | { kind: 'erased'; customerId: string; erasure: Erasure }
  | { kind: 'empty'; customerId: string; message: string }
  | { kind: 'error'; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Rows per part of an export document (analytics tables one by one, then the Postgres parts). */
export function exportSummary(doc: Record<string, unknown>): { place: string; rows: number }[] {
  const places: { place: string; rows: number }[] = [];
  const analytics = doc.analytics;
  if (isRecord(analytics)) {
    for (const [table, rows] of Object.entries(analytics)) if (Array.isArray(rows)) places.push({ place: `analytics.${table}`, rows: rows.length });
  }
  for (const part of ['followUpCases', 'notifications', 'auditEvents']) {
    const rows = doc[part];
    if (Array.isArray(rows) && rows.length) places.push({ place: part, rows: rows.length });
  }
  return places;
}

/** Offers a JSON document as a file download named after the customer. */
function download(customerId: string, doc: Record<string, unknown>) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `customer-${customerId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`;
  link.click();
  URL.revokeObjectURL(url);
}

/** Export (access request) and erasure of one customer, for administrators. */
export function useCustomerData() {
  const { client } = useClientHandle();
  const busy = ref<'export' | 'erase' | null>(null);
  const outcome = ref<Outcome | null>(null);

  function failed(customerId: string, error: Parameters<typeof errorInfo>[0]): Outcome {
    const info = errorInfo(error);
    if (info.code === 'NOT_FOUND') return { kind: 'empty', customerId, message: info.serverMessage ?? t('setup.privacy.nothingHeldMessage', { id: customerId }) };
    return { kind: 'error', message: info.serverMessage ?? t('setup.privacy.serverNoAnswer') };
  }

  async function exportData(customerId: string) {
    busy.value = 'export';
    try {
      const result = await client.query(ExportCustomerDataDocument, { customerId }, { requestPolicy: 'network-only' }).toPromise();
      const doc = result.data?.exportCustomerData;
      if (result.error || !isRecord(doc)) outcome.value = result.error ? failed(customerId, result.error) : { kind: 'error', message: t('setup.privacy.noExport') };
      else {
        download(customerId, doc);
        outcome.value = { kind: 'exported', customerId, places: exportSummary(doc) };
      }
    } finally {
      busy.value = null;
    }
  }

  async function erase(customerId: string) {
    busy.value = 'erase';
    try {
      const result = await client.mutation(EraseCustomerDocument, { customerId }).toPromise();
      const erasure = result.data?.eraseCustomer;
      if (result.error || !erasure) outcome.value = result.error ? failed(customerId, result.error) : { kind: 'error', message: t('setup.privacy.noErasure') };
      else outcome.value = { kind: 'erased', customerId, erasure };
    } finally {
      busy.value = null;
    }
  }

  return { busy, outcome, exportData, erase };
}
