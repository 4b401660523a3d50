import { writeWorkflowBundle } from '../worker/workflow-bundle';

/** `npm run build`'s last step: `node dist/src/cli/bundle-workflows.js` writes dist/workflow-bundle.js. */
writeWorkflowBundle().then(
  (outPath) => process.stdout.write(`workflow bundle written to ${outPath}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
