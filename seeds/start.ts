/** `npm start`: the server with the demo company wired in (SEED_DEMO=0 starts it empty). */
import '../server/productionEnv.js';
import { runFromCommandLine } from '../server/main.js';
import { demoLoader } from './demoLoader.js';

await runFromCommandLine(demoLoader);
