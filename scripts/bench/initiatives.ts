import { type ChildProcess, spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../db/schema";
import { createTemplate, freePort, startTestCluster } from "../../tests/setup/cluster";

// Initiatives benchmark (issue 4): a separate database seeded in bulk SQL with
// 10,000 initiatives and 50,000 endorsements, the production build in its own
// process, and autocannon on /healthz, the catalog, a search and an initiative
// page. The catalog should keep above 40% of /healthz and under 100 ms p99.

const INITIATIVES = Number(process.env.BENCH_INITIATIVES ?? 10_000);
const ENDORSEMENTS = Number(process.env.BENCH_ENDORSEMENTS ?? 50_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_SECONDS = 3;
/** Fixed: endorsers are found by stepping through organizations with a step prime to this. */
const ORGANIZATIONS = 200;
const PUBLIC_STATUSES = ["open", "funded", "in_progress", "delivered"];
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The vocabulary proposals are written in: ~100 words, so two of them match a few hundred rows. */
const WORDS = (
  "gpu quota notebook kernel dashboard authentication storage backup telemetry culling spawner " +
  "kubernetes helm autoscaling image environment conda lockfile dataset grading accessibility " +
  "translation offline bandwidth workshop curriculum classroom roster lms canvas moodle federation " +
  "metrics prometheus alerting billing cost reporting idle timeout collaboration realtime git " +
  "extension theme keyboard navigation documentation tutorial onboarding oauth ldap saml " +
  "permissions profiles memory scheduling queue slurm container registry caching prepull startup " +
  "latency upgrade migration security audit logging secrets encryption compliance privacy genomics " +
  "climate ocean astronomy microscopy geospatial hydrology neuroscience economics linguistics " +
  "statistics visualization plotting widgets voila binder pangeo dask spark database webhooks mobile " +
  "printing export latex citation publishing archiving reproducibility"
).split(" ");

/** Upstream projects initiatives fit into: [slug, name]. */
const PROJECTS = [
  ["jupyterhub", "JupyterHub"],
  ["jupyterlab", "JupyterLab"],
  ["notebook", "Jupyter Notebook"],
  ["zero-to-jupyterhub", "Zero to JupyterHub with Kubernetes"],
  ["binderhub", "BinderHub"],
  ["repo2docker", "repo2docker"],
  ["nbgrader", "nbgrader"],
  ["voila", "Voilà"],
  ["ipywidgets", "ipywidgets"],
  ["jupyterlite", "JupyterLite"],
];

const cluster = await startTestCluster("bench-initiatives");
const url = await createTemplate(cluster.adminUrl, `commons_bench_initiatives_${process.pid}`);
// One connection: the seed is a sequence of set-based statements, and EXPLAIN runs one at a time.
const sql = postgres(url, { max: 1, onnotice: () => {} });
let server: ChildProcess | undefined;
let failed = false;
// Ctrl-C still stops the server child and the throwaway cluster.
process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));

try {
  const started = performance.now();
  await seed();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const [counts] = await sql<{ initiatives: number; public: number; endorsements: number; hubs: number }[]>`
    select (select count(*)::int from initiatives) as initiatives,
           (select count(*)::int from initiatives where status in ${sql(PUBLIC_STATUSES)}) as public,
           (select count(*)::int from endorsements) as endorsements,
           (select count(*)::int from endorsement_hubs) as hubs`;
  console.log(
    `seeded ${counts!.initiatives.toLocaleString("en")} initiatives (${counts!.public.toLocaleString("en")} ` +
      `public), ${counts!.endorsements.toLocaleString("en")} endorsements ` +
      `(${counts!.hubs.toLocaleString("en")} endorsement hubs) in ${seconds} s`,
  );

  const [page] = await sql<{ slug: string; endorsers: number }[]>`
    select slug, demand_organizations - 1 as endorsers from initiatives
     where status = 'open' order by demand_organizations desc, slug limit 1`;
  const query = await pickQuery();
  console.log(`initiative page: ${page!.slug} (${page!.endorsers} endorsements)`);
  await explainCatalog(query.q);

  const port = await freePort();
  server = await startServer(port);
  const base = `http://localhost:${port}`;
  const targets = [
    ["/healthz", "/healthz"],
    ["catalog", "/initiatives"],
    ["search", `/initiatives?q=${encodeURIComponent(query.q)}`],
    ["initiative page", `/initiatives/${page!.slug}`],
  ] as const;
  const results = new Map<string, autocannon.Result>();
  for (const [label, path] of targets) {
    console.log(`${label}: ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s with ${CONNECTIONS} connections…`);
    await autocannon({ url: base + path, connections: CONNECTIONS, duration: WARMUP_SECONDS });
    const result = await autocannon({ url: base + path, connections: CONNECTIONS, duration: SECONDS });
    results.set(label, result);
    console.log(`  ${describe(result, results.get("/healthz")!)}`);
  }

  const health = results.get("/healthz")!.requests.average;
  console.log(
    `\nSummary (${CONNECTIONS} connections, ${SECONDS} s each after a ${WARMUP_SECONDS} s warm-up):`,
  );
  console.log("target             req/s   p50 ms   p99 ms   non-2xx   bytes/resp   vs /healthz");
  for (const [label] of targets) {
    const r = results.get(label)!;
    console.log(
      `${label.padEnd(16)} ${r.requests.average.toFixed(0).padStart(7)} ${String(r.latency.p50).padStart(8)} ` +
        `${String(r.latency.p99).padStart(8)} ${String(failures(r)).padStart(9)} ` +
        `${String(bytesPerResponse(r)).padStart(12)} ${`${share(r, health).toFixed(0)}%`.padStart(13)}`,
    );
  }
  for (const label of ["catalog", "search"]) {
    const r = results.get(label)!;
    const ok = share(r, health) >= 40 && r.latency.p99 < 100 && failures(r) === 0;
    console.log(
      `${ok ? "PASS" : "FAIL"} ${label}: ${share(r, health).toFixed(0)}% of /healthz (target >= 40%), ` +
        `p99 ${r.latency.p99} ms (target < 100 ms), ${failures(r)} non-2xx`,
    );
  }
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await cleanup();
}
process.exit(failed ? 1 : 0);

async function cleanup() {
  await stopServer();
  await sql.end();
  await cluster.stop();
}

/** Bulk rows in set-based SQL: no services, no per-row round trips. */
async function seed() {
  const step = async (label: string, work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    console.log(`  ${label.padEnd(22)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
  };
  console.log("seeding…");

  await step("organizations, hubs", async () => {
    await sql`
      insert into organizations (slug, name, kind, description, created_at)
      select 'bench-org-' || lpad(g::text, 3, '0'),
             case when g % 3 = 0 then 'University of ' || initcap(w[1 + g % cardinality(w)]) || ' ' || g
                  else initcap(w[1 + (g * 7) % cardinality(w)]) || ' Open Science Community ' || g end,
             case when g % 3 = 0 then 'institution' else 'community' end,
             'A bench organization.', now() - make_interval(days => 730 + g)
        from generate_series(0, ${ORGANIZATIONS - 1}) g, (select ${WORDS}::text[] as w) words`;
    // Two or three hubs each, of 20 to 3,000 users.
    await sql`
      insert into hubs (organization_id, name, url, user_count)
      select o.id, o.name || ' ' || (array['Teaching', 'Research', 'GPU'])[h] || ' Hub',
             'https://' || (array['teaching', 'research', 'gpu'])[h] || '.' || o.slug || '.example.org',
             20 + (2147483647 & hashtext(o.slug || ':' || h)) % 2980
        from organizations o cross join generate_series(1, 3) h
       where h < 3 or (2147483647 & hashtext(o.slug)) % 2 = 0`;
    await sql`
      insert into upstream_projects (slug, name, url)
      select slug, name, 'https://github.com/jupyter/' || slug
        from unnest(${PROJECTS.map((p) => p[0]!)}::text[], ${PROJECTS.map((p) => p[1]!)}::text[]) p(slug, name)`;
  });

  // Each row draws 26 words by hash of (row, position); templates make them read like proposals.
  // Statuses: 60% public (30 open, 12 funded, 10 in progress, 8 delivered), the rest private or decided.
  await step("initiatives", () =>
    sql.unsafe(
      `
      with words as (select $1::text[] as w, cardinality($1::text[]) as n),
      orgs as (select id, (row_number() over (order by slug) - 1)::int as n from organizations),
      base as (
        select g, (2147483647 & hashtext('status:' || g)) % 100 as s,
               now() - make_interval(mins => (2147483647 & hashtext('created:' || g)) % (730 * 24 * 60)) as created,
               array(select words.w[1 + (2147483647 & hashtext(g || ':' || k)) % words.n]
                       from generate_series(1, 26) k) as p
          from generate_series(1, $2::int) g cross join words
      ),
      rows as (
        select base.*,
               case when s < 30 then 'open' when s < 42 then 'funded' when s < 52 then 'in_progress'
                    when s < 60 then 'delivered' when s < 70 then 'draft' when s < 77 then 'submitted'
                    when s < 84 then 'in_review' when s < 88 then 'changes_requested'
                    when s < 94 then 'declined' when s < 97 then 'withdrawn' else 'expired' end as status,
               case g % 5
                 when 0 then format('%s %s for shared hubs', initcap(p[1]), p[2])
                 when 1 then format('Upstream %s support for %s', p[1], p[2])
                 when 2 then format('Better %s and %s for %s', p[1], p[2], p[3])
                 when 3 then format('%s %s across the network', initcap(p[1]), p[2])
                 else format('Make %s work with %s', p[1], p[2]) end as title
          from base
      )
      insert into initiatives (slug, organization_id, title, summary, problem, solution, plan, size,
                               suggested_goal_minor, status, goal_minor, min_backers, pledge_deadline,
                               review_started_at, submitted_at, status_changed_at, priority,
                               created_at, updated_at)
      select lower(regexp_replace(title, '[^a-zA-Z0-9]+', '-', 'g')) || '-' || g, orgs.id, title,
             left(format('Hubs that run %s today rebuild the same %s tooling on their own. This initiative '
                         'funds one shared, upstream %s implementation that every hub can adopt.',
                         p[4], p[5], p[6]), 280),
             format(E'Today every hub that offers %s handles %s on its own. When %s changes, each team '
                    'patches its deployment separately and the fixes rarely reach upstream.\\n\\n'
                    'Instructors report that %s and %s break at the start of term, and researchers '
                    'working on %s lose days to %s problems.',
                    p[7], p[8], p[9], p[10], p[11], p[12], p[13]),
             format(E'We propose a shared %s component, maintained upstream, that covers %s and %s out '
                    'of the box.\\n\\nIt will ship with documentation for %s, tests against %s, and a '
                    'migration guide for hubs that currently rely on %s.',
                    p[14], p[15], p[16], p[17], p[18], p[19]),
             format(E'Phase one: survey the hubs that use %s and agree on a design for %s with the '
                    'upstream maintainers.\\n\\nPhase two: implement %s support, add %s tests, and '
                    'review the %s changes with at least three hubs.\\n\\nPhase three: release, write '
                    'the %s guide, and help the first hubs upgrade their %s setup.',
                    p[20], p[21], p[22], p[23], p[24], p[25], p[26]),
             (array['XS', 'S', 'M', 'L', 'XL'])[1 + (2147483647 & hashtext('size:' || g)) % 5],
             (10 + (2147483647 & hashtext('suggested:' || g)) % 150) * 100000,
             status,
             case when s < 60 or status = 'expired' then (20 + (2147483647 & hashtext('goal:' || g)) % 180) * 100000 end,
             case when s < 60 or status = 'expired' then 2 + (2147483647 & hashtext('backers:' || g)) % 6 end,
             case when status = 'open' then now() + make_interval(days => 14 + g % 90)
                  when s < 60 or status = 'expired' then created + interval '90 days' end,
             case when status not in ('draft', 'submitted')
                  then least(now(), created + make_interval(days => 2 + g % 12)) end,
             case when status <> 'draft' then least(now(), created + interval '1 day') end,
             least(now(), created + interval '20 days'),
             (array['low', 'normal', 'normal', 'high', 'urgent'])[1 + (2147483647 & hashtext('priority:' || g)) % 5],
             created, least(now(), created + interval '20 days')
        from rows join orgs on orgs.n = (2147483647 & hashtext('org:' || g)) % ${ORGANIZATIONS}`,
      [WORDS, INITIATIVES],
    ),
  );

  await step("projects, hubs links", async () => {
    // One or two projects each: the second is a different one, so no pair repeats.
    await sql`
      with projects as (select id, (row_number() over (order by slug) - 1)::int as n from upstream_projects)
      insert into initiative_projects (initiative_id, project_id)
      select i.id, p.id
        from initiatives i
       cross join lateral (values ((2147483647 & hashtext('p1:' || i.slug))),
                                  (case when (2147483647 & hashtext('p2:' || i.slug)) % 2 = 0
                                        then (2147483647 & hashtext('p1:' || i.slug)) + 1
                                             + (2147483647 & hashtext('p3:' || i.slug)) % ${PROJECTS.length - 1}
                                   end)) v(k)
        join projects p on p.n = v.k % ${PROJECTS.length}`;
    // The proposer's first one or two hubs benefit.
    await sql`
      with ranked as (
        select id, organization_id, row_number() over (partition by organization_id order by name) as r
          from hubs
      )
      insert into initiative_hubs (initiative_id, hub_id)
      select i.id, h.id from initiatives i
        join ranked h on h.organization_id = i.organization_id
                     and h.r <= 1 + (2147483647 & hashtext('ih:' || i.slug)) % 2`;
  });

  // Endorsements go to initiatives past submission, skewed (weight r^-0.6, capped) so a few
  // have many. Cumulative rounding makes the counts add up to exactly BENCH_ENDORSEMENTS. The
  // k-th endorser of an initiative is the organization k * step after the proposer, with a
  // step prime to 200: never the proposer, never the same organization twice.
  await step("endorsements", async () => {
    await sql`
      with orgs as (select id, (row_number() over (order by slug) - 1)::int as n from organizations),
      eligible as (
        select i.id, i.created_at, o.n as proposer,
               least(40, power(((2147483647 & hashtext('w:' || i.slug)) % 1000000 + 1) / 1000000.0, -0.6)) as w,
               (array[3, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43])[1 + (2147483647 & hashtext('step:' || i.slug)) % 12]
                 as step
          from initiatives i join orgs o on o.id = i.organization_id
         where i.review_started_at is not null
      ),
      cumulative as (
        select *, floor(${ENDORSEMENTS} * sum(w) over (order by id) / sum(w) over ())::int as upto
          from eligible
      ),
      counts as (
        select *, least(${ORGANIZATIONS - 1}, upto - coalesce(lag(upto) over (order by id), 0)) as c
          from cumulative
      )
      insert into endorsements (initiative_id, organization_id, note, created_at)
      select c.id, o.id,
             case when k % 4 = 0 then 'Our hubs need this before next term.' else '' end,
             c.created_at + (now() - c.created_at) * (((2147483647 & hashtext(c.id || ':' || k)) % 1000) / 1000.0)
        from counts c
       cross join generate_series(1, c.c) k
        join orgs o on o.n = (c.proposer + k * c.step) % ${ORGANIZATIONS}`;
    // One hub of the endorsing organization per endorsement.
    await sql`
      with ranked as (
        select id, organization_id,
               (row_number() over (partition by organization_id order by name) - 1)::int as r,
               count(*) over (partition by organization_id)::int as c
          from hubs
      )
      insert into endorsement_hubs (endorsement_id, hub_id)
      select e.id, h.id from endorsements e
        join ranked h on h.organization_id = e.organization_id and h.r = (2147483647 & hashtext(e.id::text)) % h.c`;
  });

  // The demand signal for every initiative in one statement: refreshDemand's logic, set-based.
  await step(
    "demand (one update)",
    () =>
      sql`
      with orgs as (
        select id as initiative_id, organization_id from initiatives
        union
        select initiative_id, organization_id from endorsements where withdrawn_at is null
      ),
      org_totals as (select initiative_id, count(*)::int as n from orgs group by initiative_id),
      hub_ids as (
        select initiative_id, hub_id from initiative_hubs
        union
        select e.initiative_id, eh.hub_id from endorsement_hubs eh
          join endorsements e on e.id = eh.endorsement_id
         where e.withdrawn_at is null
      ),
      hub_totals as (
        select x.initiative_id, count(*)::int as n, coalesce(sum(h.user_count), 0)::int as users
          from hub_ids x join hubs h on h.id = x.hub_id
         group by x.initiative_id
      )
      update initiatives i
         set demand_organizations = o.n, demand_hubs = coalesce(t.n, 0), demand_users = coalesce(t.users, 0)
        from org_totals o left join hub_totals t on t.initiative_id = o.initiative_id
       where i.id = o.initiative_id`,
  );

  // VACUUM as well: the update left a dead version of every initiative, which autovacuum
  // would clear soon after on a live server; ANALYZE gives the planner real statistics.
  await step("vacuum analyze", () => sql`vacuum analyze`);
}

/** A two-word search with a few hundred public matches: the candidate closest to 250. */
async function pickQuery() {
  const candidates = Array.from({ length: 20 }, (_, i) => `${WORDS[i * 3]} ${WORDS[i * 3 + 1]}`);
  const rows = await sql<{ q: string; public: number; total: number }[]>`
    select q, count(*) filter (where i.status in ${sql(PUBLIC_STATUSES)})::int as public,
           count(*)::int as total
      from unnest(${candidates}::text[]) q
      join initiatives i on i.search @@ websearch_to_tsquery('english', q)
     group by q`;
  rows.sort((a, b) => Math.abs(a.public - 250) - Math.abs(b.public - 250));
  const best = rows[0]!;
  console.log(`search "${best.q}": ${best.public} public matches (${best.total} in all statuses)`);
  return best;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the catalog's own SQL: listCatalog runs once against a
 * drizzle handle whose logger records each statement, and each is explained as sent.
 */
async function explainCatalog(q: string) {
  const { listCatalog } = await import("../../app/modules/initiatives/catalog.server");
  const statements: { text: string; params: unknown[] }[] = [];
  const db = drizzle(sql, {
    schema,
    casing: "snake_case",
    logger: { logQuery: (text, params) => statements.push({ text, params }) },
  });
  for (const [label, query] of [
    ["catalog", { sort: "newest" as const }],
    ["search", { q, sort: "newest" as const }],
  ] as const) {
    statements.length = 0;
    await listCatalog(db, query, 1);
    for (const { text, params } of statements) {
      const kind = text.includes("count(*)") ? "count" : "page";
      const plan = await sql.unsafe(
        `explain (analyze, buffers) ${text}`,
        params as postgres.ParameterOrJSON<never>[],
      );
      const lines = plan.map((row) => String(Object.values(row)[0]));
      const time = (name: string) => lines.find((l) => l.startsWith(name))?.replace(/^.*: /, "") ?? "?";
      const top = lines[0]!.replace(/\s+\(cost.*$/, "").trim();
      console.log(
        `EXPLAIN ${`${label} ${kind}`.padEnd(14)} execution ${time("Execution Time").padStart(10)}, ` +
          `planning ${time("Planning Time").padStart(10)}  (${top})`,
      );
    }
  }
}

async function startServer(port: number) {
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, ["server/index.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: url,
      APP_URL: `http://localhost:${port}`,
      SESSION_SECRET: "bench-session-secret-0123456789",
      WORKER: "false",
      LOG_LEVEL: "warn",
      // Production refuses to start without Stripe configuration; the bench never calls Stripe.
      STRIPE_API_BASE: "http://127.0.0.1:9",
      STRIPE_WEBHOOK_SECRET: "whsec_bench",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    const ok = await fetch(`http://localhost:${port}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the production server did not answer /healthz within 60 s");
}

/** SIGTERM to the server child (tsx relays it), SIGKILL if it has not exited after 10 s. */
async function stopServer() {
  const child = server;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid && process.kill(child.pid, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

function failures(r: autocannon.Result) {
  return r.non2xx + r.errors + r.timeouts;
}

function bytesPerResponse(r: autocannon.Result) {
  return r.requests.total ? Math.round(r.throughput.total / r.requests.total) : 0;
}

function share(r: autocannon.Result, health: number) {
  return (r.requests.average / health) * 100;
}

function describe(r: autocannon.Result, health: autocannon.Result | undefined) {
  return (
    `${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
    `${failures(r)} non-2xx, ${bytesPerResponse(r)} bytes/response` +
    (health ? `, ${share(r, health.requests.average).toFixed(0)}% of /healthz` : "")
  );
}
