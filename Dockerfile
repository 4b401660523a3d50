# One image for the worker and the API: `node dist/src/main.js worker` or `... api` (docker-compose.yml).
# Node 26, the current LTS line; package.json's engines accept 20.19+, 22.12+ and 24+ as well.
FROM node:26-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
COPY api ./api
# tsc, then the workflow bundle (dist/workflow-bundle.js): workers load it instead of bundling at each start.
RUN npm run build && npm prune --omit=dev

FROM node:26-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY templates ./templates
# The data folder (archive, letters, outbox) exists and belongs to `node`, so a new named volume mounted on it
# takes that owner and both the API and the workers can write to it.
RUN mkdir -p /var/lib/case-deadlines && chown node:node /var/lib/case-deadlines
ENV DATA_DIR=/var/lib/case-deadlines
USER node
VOLUME ["/var/lib/case-deadlines"]
EXPOSE 3000
CMD ["node", "dist/src/main.js", "api"]
