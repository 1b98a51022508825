import type { Context } from '../context.js';

/**
 * Runs a change to the journey model (journeys, phases, touchpoints, personas, departments) and then
 * tells the app, so the analytics store copies the dimensions before the answer goes out.
 */
export async function changingModel<T>(ctx: Context, work: Promise<T>): Promise<T> {
  const result = await work;
  await ctx.deps.onModelChanged();
  return result;
}
