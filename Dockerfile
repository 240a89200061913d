# syntax=docker/dockerfile:1
# Harbour: build stage (all dependencies, esbuild bundle) → slim, non-root runtime stage with
# production dependencies only. Node 20, as in package.json "engines" and CI.
#   docker build -t harbour .
#   docker run -p 3000:3000 -v harbour-data:/data -e ALLOWED_ORIGINS=https://helpline.example harbour
#   docker exec -it <container> node dist/server/cli/counsellor.js add NAME --role counsellor
#   docker exec <container> node dist/server/cli/content-check.js
# tests/build/docker-runtime.test.ts re-enacts the runtime stage without Docker (it reads the
# COPY / RUN / ENV / HEALTHCHECK / CMD lines below), so keep them simple: one step per line.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node scripts/build.mjs

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
# The bundled server; the widget sources (bundled by the server at start-up, which writes
# widget/generated), content, SQL migrations and the protocol types the widget imports.
COPY --from=build /app/dist ./dist
COPY --from=build /app/server ./server
COPY --from=build /app/dialogs ./dialogs
COPY --from=build --chown=node:node /app/widget ./widget
COPY --from=build /app/content ./content
COPY --from=build /app/tsconfig.json ./tsconfig.json
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server/server.js"]
