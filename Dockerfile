# syntax=docker/dockerfile:1
# Multi-stage build: dependencies and the compiled service, then a slim non-root runtime.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
RUN mkdir -p /data && chown node:node /data
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node locales ./locales
# Files the service reads at run time from the source tree: page assets and the policy data.
COPY --chown=node:node src/http/console/static ./src/http/console/static
COPY --chown=node:node src/channels/web/static ./src/channels/web/static
COPY --chown=node:node src/features/policy/data ./src/features/policy/data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
STOPSIGNAL SIGTERM
# What `npm run start:prod` runs, without npm in between: node receives SIGTERM itself and stops
# gracefully. tsx is a development tool only and is not in the image (npm prune --omit=dev).
CMD ["node", "dist/src/main.js"]
