import { useClientHandle } from '@urql/vue';
import type { CombinedError } from '@urql/core';
import { computed, ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';
import { CreatePhaseDocument, CreateTouchpointDocument, CreateTouchpointsDocument, DeletePhaseDocument, DeleteTouchpointDocument, JourneyMapDocument, MoveTouchpointDocument, ReorderPhasesDocument, ReorderTouchpointsDocument, UpdatePhaseDocument, UpdateTouchpointDocument } from '../graphql/documents';
import { errorInfo } from '../../../shared/errors';
import { formatCount } from '../../../shared/format';
import { t } from '../../../shared/i18n';
import type { PhaseInput, TouchpointInput } from '../../../graphql/generated';
import * as edit from '../model/edit';

/** What a failed edit says: the server's message (written to be shown) and that nothing changed. */
export function describeEditError(error: CombinedError, what: string): string {
  const info = errorInfo(error);
  switch (info.code) {
    case 'FORBIDDEN':
      return t('journeys.edits.forbidden', { what });
    case 'NETWORK':
      return t('journeys.edits.network', { what });
    case 'NOT_FOUND':
      return t('journeys.edits.notFound', { what });
    default:
      return t('journeys.edits.other', { what, reason: (info.serverMessage ?? t('journeys.edits.serverWrong')).replace(/\.$/, '') });
  }
}

/**
 * Edits to one journey, shown at once (optimistic) and rolled back with a message when the server
 * refuses them. `journey` is the server's journey with the edits in flight applied on top.
 */
export function useJourneyEditor(id: MaybeRefOrGetter<string>, server: () => edit.EditableJourney | undefined) {
  const handle = useClientHandle();
  const optimistic = shallowRef<edit.EditableJourney | null>(null);
  const error = ref<string | null>(null);
  /** The server's refusal of the last failed edit, for forms that put it on their fields. */
  const lastFailure = shallowRef<CombinedError | null>(null);
  /** For a polite live region: what just happened. */
  const announcement = ref('');
  const saving = ref(0);
  let temp = 0;

  const journey = computed(() => optimistic.value ?? server());

  async function run(what: string, done: string, change: (j: edit.EditableJourney) => edit.EditableJourney, send: () => Promise<{ error?: CombinedError }>) {
    const base = journey.value;
    if (!base) return false;
    optimistic.value = change(base);
    error.value = null;
    announcement.value = done;
    saving.value += 1;
    let failed: CombinedError | undefined;
    try {
      failed = (await send()).error;
    } finally {
      // The server's journey, fresh: the optimistic copy gives way to it once nothing is in flight.
      await handle.client.query(JourneyMapDocument, { id: toValue(id) }, { requestPolicy: 'network-only' }).toPromise();
      saving.value -= 1;
      if (failed || saving.value === 0) optimistic.value = null;
    }
    lastFailure.value = failed ?? null;
    if (failed) {
      error.value = describeEditError(failed, what);
      announcement.value = error.value;
    }
    return !failed;
  }

  const client = () => handle.client;
  const nameOf = (tpId: string) => journey.value?.phases.flatMap((p) => p.touchpoints).find((tp) => tp.id === tpId)?.name ?? t('journeys.edits.theTouchpoint');
  const phaseName = (phaseId: string) => journey.value?.phases.find((p) => p.id === phaseId)?.name ?? t('journeys.edits.thePhase');

  return {
    journey,
    error,
    lastFailure,
    announcement,
    saving: computed(() => saving.value > 0),
    dismissError: () => (error.value = null),

    addPhase: (name: string) =>
      run(t('journeys.edits.addPhase', { name }), t('journeys.edits.addedPhase', { name }), (j) => edit.addPhase(j, edit.newPhase(`tmp-${++temp}`, name)), () =>
        client().mutation(CreatePhaseDocument, { journeyId: toValue(id), input: { name } }).toPromise(),
      ),
    renamePhase: (phaseId: string, name: string) =>
      run(t('journeys.edits.renamePhase'), t('journeys.edits.renamedPhase', { name }), (j) => edit.renamePhase(j, phaseId, name), () =>
        client().mutation(UpdatePhaseDocument, { id: phaseId, input: { name } }).toPromise(),
      ),
    deletePhase: (phaseId: string) => {
      const name = phaseName(phaseId);
      return run(t('journeys.edits.deletePhase', { name }), t('journeys.edits.deletedPhase', { name }), (j) => edit.deletePhase(j, phaseId), () =>
        client().mutation(DeletePhaseDocument, { id: phaseId }).toPromise(),
      );
    },
    movePhase: (phaseId: string, to: number) => {
      const name = phaseName(phaseId);
      return run(t('journeys.edits.movePhase', { name }), t('journeys.edits.movedPhase', { name, position: to + 1 }), (j) => edit.movePhase(j, phaseId, to), () => {
        const moved = journey.value ? edit.phaseOrder(journey.value) : [];
        return client().mutation(ReorderPhasesDocument, { journeyId: toValue(id), phaseIds: moved }).toPromise();
      });
    },
    addTouchpoint: (phaseId: string, input: edit.NewTouchpoint) =>
      run(t('journeys.edits.addTouchpoint', { name: input.name }), t('journeys.edits.addedTouchpoint', { name: input.name, phase: phaseName(phaseId) }), (j) => edit.addTouchpoint(j, phaseId, edit.newTouchpoint(`tmp-${++temp}`, input)), () =>
        client().mutation(CreateTouchpointDocument, { phaseId, input }).toPromise(),
      ),
    /** The phase's narrative (about, actions, thoughts, feelings, documented emotion) or name. */
    updatePhase: (phaseId: string, input: PhaseInput) =>
      run(t('journeys.edits.savePhase', { name: phaseName(phaseId) }), t('journeys.edits.savedPhase', { name: input.name ?? phaseName(phaseId) }), (j) => edit.updatePhase(j, phaseId, phasePatch(input)), () =>
        client().mutation(UpdatePhaseDocument, { id: phaseId, input }).toPromise(),
      ),
    /** Any of the touchpoint's attributes; `department` is shown at once for `input.departmentId`. */
    updateTouchpoint: (tpId: string, input: TouchpointInput, department: { id: string; name: string } | null) =>
      run(t('journeys.edits.saveTouchpoint', { name: nameOf(tpId) }), t('journeys.edits.savedTouchpoint', { name: input.name ?? nameOf(tpId) }), (j) => edit.updateTouchpoint(j, tpId, touchpointPatch(input, department)), () =>
        client().mutation(UpdateTouchpointDocument, { id: tpId, input }).toPromise(),
      ),
    /** Many touchpoints at once (a pasted list), added at the end of the phase; all or nothing. */
    addTouchpoints: (phaseId: string, inputs: (edit.NewTouchpoint & { code: string | null })[]) =>
      run(
        t('journeys.edits.addTouchpoints', { n: formatCount(inputs.length) }),
        t('journeys.edits.addedTouchpoints', { n: formatCount(inputs.length), phase: phaseName(phaseId) }, inputs.length),
        (j) => edit.addTouchpoints(j, phaseId, inputs.map((input) => ({ ...edit.newTouchpoint(`tmp-${++temp}`, input), code: input.code }))),
        () => client().mutation(CreateTouchpointsDocument, { phaseId, inputs }).toPromise(),
      ),
    renameTouchpoint: (tpId: string, name: string) =>
      run(t('journeys.edits.renameTouchpoint'), t('journeys.edits.renamedTouchpoint', { name }), (j) => edit.renameTouchpoint(j, tpId, name), () =>
        client().mutation(UpdateTouchpointDocument, { id: tpId, input: { name } }).toPromise(),
      ),
    deleteTouchpoint: (tpId: string) => {
      const name = nameOf(tpId);
      return run(t('journeys.edits.deleteTouchpoint', { name }), t('journeys.edits.deletedTouchpoint', { name }), (j) => edit.deleteTouchpoint(j, tpId), () =>
        client().mutation(DeleteTouchpointDocument, { id: tpId }).toPromise(),
      );
    },
    moveTouchpoint: (tpId: string, phaseId: string, index: number) => {
      const name = nameOf(tpId);
      const from = journey.value ? edit.locateTouchpoint(journey.value, tpId) : null;
      return run(t('journeys.edits.moveTouchpoint', { name }), t('journeys.edits.movedTouchpoint', { name, position: index + 1, phase: phaseName(phaseId) }), (j) => edit.moveTouchpoint(j, tpId, phaseId, index), () =>
        from?.phaseId === phaseId
          ? client()
              .mutation(ReorderTouchpointsDocument, { phaseId, touchpointIds: journey.value ? edit.touchpointOrder(journey.value, phaseId) : [] })
              .toPromise()
          : client().mutation(MoveTouchpointDocument, { id: tpId, phaseId, position: index }).toPromise(),
      );
    },
  };
}

export type JourneyEditor = ReturnType<typeof useJourneyEditor>;

/** The optimistic change of a phase input: the same fields, absent ones left as they are. */
function phasePatch(input: PhaseInput): edit.PhasePatch {
  const patch: edit.PhasePatch = {};
  if (input.name != null) patch.name = input.name;
  if (input.description != null) patch.description = input.description;
  if (input.actions != null) patch.actions = input.actions;
  if (input.thoughts != null) patch.thoughts = input.thoughts;
  if (input.feelings != null) patch.feelings = input.feelings;
  if (input.emotion != null) patch.emotion = input.emotion;
  return patch;
}

function touchpointPatch(input: TouchpointInput, department: { id: string; name: string } | null): edit.TouchpointPatch {
  const { departmentId, kpis, ...rest } = input;
  const patch: edit.TouchpointPatch = {};
  for (const [key, value] of Object.entries(rest)) if (value !== undefined && value !== null) Object.assign(patch, { [key]: value });
  if (input.code === null) patch.code = null;
  if (departmentId !== undefined) patch.department = department;
  if (kpis) patch.kpis = kpis.map((k) => ({ name: k.name, unit: k.unit, target: k.target ?? null, higherIsBetter: k.higherIsBetter }));
  return patch;
}
