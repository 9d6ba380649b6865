# Anarkali shop image.
#   docker build -t anarkali .
#   docker run -p 3000:3000 -v anarkali-var:/app/var anarkali
# The first start creates the SQLite database in /app/var (keep it on a volume), seeds the demo catalog and
# prints the owner's one-time password once (`docker logs`), unless ADMIN_EMAIL and ADMIN_PASSWORD are set.
# For MySQL/MariaDB pass DATABASE_URL=mysql://… or mariadb://…; see README.md for every variable.

# --- build: compile TypeScript and the native addon (better-sqlite3 via node-gyp; python3, make, g++ are here)
FROM node:24-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# public/ may hold nothing tracked by git yet (a fresh clone then has no folder): make sure it exists.
RUN mkdir -p public views \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# --- runtime: the same Debian release (same glibc the addon was built against), no compilers
FROM node:24-bookworm-slim
# NO_COLOR: plain log lines (no terminal colour codes) for `docker logs` and log collectors.
ENV NODE_ENV=production PORT=3000 VAR_DIR=/app/var NO_COLOR=1
WORKDIR /app
# Code stays owned by root and read-only for the app; only /app/var is writable.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/views ./views
COPY --from=build /app/public ./public
RUN mkdir -p /app/var && chown node:node /app/var
VOLUME /app/var
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/src/main.js"]
