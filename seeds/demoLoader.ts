/**
 * The demo company as start-up's DemoLoader: the journey model into Postgres and generated answers into
 * DuckDB. The server receives it from the launcher (seeds/start.ts) and never imports seeds/ itself.
 */
import type { DemoLoader } from '../server/main.js';
import { demoCompany } from './demo/company.js';
import { isModelEmpty, loadDemoCompany } from './demo/load.js';
import { DEFAULT_DEMO_SIZE, generate } from './generate/index.js';

export const demoLoader: DemoLoader = {
  userDepartments: demoCompany.userDepartments,
  async loadModel(em) {
    if (!(await isModelEmpty(em))) return null;
    const loaded = await loadDemoCompany(em, demoCompany);
    return `Loaded the demo company "${demoCompany.name}": ${loaded.phases} phases, ${loaded.touchpoints} touchpoints`;
  },
  async generateAnswers(store) {
    const result = await generate(store, { ...DEFAULT_DEMO_SIZE, dimensions: 'never' });
    return (
      `Generated demo customer data: ${result.rows.customers.toLocaleString('en')} customers, ${result.rows.responses.toLocaleString('en')} responses ` +
      `(${result.start} to ${result.end}) in ${result.seconds.toFixed(1)} s, ${Math.round(result.totalRows / result.seconds).toLocaleString('en')} rows/s`
    );
  },
};
