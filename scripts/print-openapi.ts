// `npm run openapi`: the API's OpenAPI document as the server serves it at /docs/json (no Temporal needed).
import { openApiDocument } from '../src/docs/openapi-document';

void openApiDocument().then((doc) => process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`));
