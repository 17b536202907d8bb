// What a set of containers that run together (one Compose file, one folder of Kubernetes
// manifests) says about the application's structure. Counting containers alone misleads: the
// same image run twice (a web and a worker process) is one deployable, databases and proxies
// are tiers rather than services of the application, and monitoring beside it is neither.
import type { Finding } from './types.js';

/** One container of a unit, by its image or (for an image built here) its build context. */
export interface Component {
  name: string;
  /** The image reference, when it is named. */
  image?: string;
  /**
   * The build context, for an image built from this repository; or the service of another
   * Compose file it extends, whose image it runs.
   */
  build?: string;
  /** The components it needs started first (Compose's depends_on). */
  dependsOn?: readonly string[];
}

type Role = 'backing' | 'edge' | 'ops';

// Off-the-shelf images by what they are to an application. Databases, search engines and proxies
// by the start of the image's last path segment (`postgres:16`, `bitnami/redis`,
// `azure-sql-edge`, `searxng/searxng`), and the document converters applications call (Gotenberg, Tika, repackaged: `lago-gotenberg`), so that
// `acme/nginx-app` or `spotahome/redis-operator` stay the application's own; monitoring by any
// part of the name (`jaegertracing/all-in-one`, `swarmprom-grafana`), its short words whole
// (`grafana/tempo`, not `temporalio/server`).
const ROLES: readonly [RegExp, Role][] = [
  [
    /^(postgres|postgis|mysql|mariadb|mongo|redis|valkey|memcached|elasticsearch|opensearch|rabbitmq|kafka|zookeeper|nats|minio|mssql|azure-sql|sqlserver|cassandra|couchdb|influxdb|etcd|clickhouse|neo4j|keydb|dynamodb|eventstore|keycloak|meilisearch|typesense|solr|searxng|manticore)|(^|-)(gotenberg|tika)(-|$)/,
    'backing',
  ],
  [/^(nginx|traefik|caddy|haproxy|envoy|httpd|apache|varnish)/, 'edge'],
  [
    /prometheus|grafana|alertmanager|exporter|cadvisor|jaeger|(^|[/_.-])(otel|loki|tempo)([/_.:-]|$)|opentelemetry|zipkin|promtail|fluentd|fluent-bit|certbot|unsee|watchtower|adminer|pgadmin|phpmyadmin|mailhog|mailpit|mailcatcher|metrics-server|visualizer|acme-companion|letsencrypt/,
    'ops',
  ],
];

// Service names that say the tier whatever the image (a `db` built from a Dockerfile over
// postgres is still the database).
const TIER_NAMES =
  /^(db|database|postgres(ql)?|mysql|mariadb|mongo(db)?|redis|cache|memcached|(reverse[-_]?)?proxy|nginx|lb|load-?balancer)$/;

/**
 * Whether a component is a service another publisher makes, which one of the application's own
 * depends on (paperless-ngx's webserver on Gotenberg and Tika): a backing service, as a
 * database is. Services of one publisher depending on each other are parts of one application.
 */
function isSuppliedService(component: Component, all: readonly Component[]): boolean {
  if (component.image === undefined || component.build !== undefined) return false;
  const publisher = publisherOf(component.image);
  // Only the application's own services count: a proxy in front depends on the application.
  return all.some(
    (other) =>
      other !== component &&
      other.dependsOn?.includes(component.name) === true &&
      roleOf(other) === undefined &&
      (other.build !== undefined ||
        (other.image !== undefined && publisherOf(other.image) !== publisher)),
  );
}

// Mail relays, by the image's last path segment or the service's name.
const MAIL_RELAY = /^(postfix|exim4?|haraka|smtp|mail-?relay)([-_]|$)/;

/**
 * Whether a component is a mail relay the application sends through (loomio's haraka): a backing
 * service, unless its publisher's other images run beside it (Mailu's postfix beside its dovecot
 * is one of a mail suite's own services).
 */
function isMailRelay(component: Component, all: readonly Component[]): boolean {
  if (component.build !== undefined) return false;
  const image = imageName(component.image ?? '').toLowerCase();
  if (!MAIL_RELAY.test(image.slice(image.lastIndexOf('/') + 1)) && !MAIL_RELAY.test(component.name))
    return false;
  // An image named only by a variable (`${HARAKA_IMAGE}`) says no publisher.
  if (component.image === undefined || /^\$\{?\w+\}?$/.test(imageName(component.image)))
    return true;
  const publisher = publisherOf(component.image);
  return (
    publisher === 'library' ||
    !all.some(
      (other) =>
        other !== component && other.image !== undefined && publisherOf(other.image) === publisher,
    )
  );
}

/** Who publishes an image: its registry and namespace (`ghcr.io/paperless-ngx`), or Docker Hub's library. */
export function publisherOf(reference: string): string {
  const name = imageName(reference).toLowerCase();
  const slash = name.lastIndexOf('/');
  return slash < 0
    ? 'library'
    : name.slice(0, slash).replace(/^(docker\.io|index\.docker\.io)\//, '');
}

/** Whether an image is monitoring or other operations beside an application (grafana/grafana, prom/prometheus). */
export function isOperationsImage(reference: string): boolean {
  return ROLES.some(
    ([pattern, role]) =>
      role === 'ops' && pattern.test(opsPart(imageName(reference).toLowerCase())),
  );
}

/**
 * Whether the components are only databases, caches, queues or search engines, with at most
 * operations beside them (monitoring, pgAdmin, certbot), none built here: no part of the
 * application itself.
 */
export function onlyBackingServices(components: readonly Component[]): boolean {
  const roles = components.map((c) => (c.build === undefined ? roleOf(c) : undefined));
  return roles.includes('backing') && roles.every((role) => role === 'backing' || role === 'ops');
}

/** The components that are the application's own: not its databases, proxies or monitoring. */
export function ownComponents(components: readonly Component[]): Component[] {
  return components.filter((c) => roleOf(c) === undefined);
}

function roleOf(component: Component): Role | undefined {
  if (TIER_NAMES.test(component.name.toLowerCase()))
    return /^(proxy|nginx|lb|load-?balancer)$/.test(component.name.toLowerCase())
      ? 'edge'
      : 'backing';
  if (component.build !== undefined) return undefined;
  const name = imageName(component.image ?? component.name).toLowerCase();
  const last = name.slice(name.lastIndexOf('/') + 1);
  // An operator or a controller of a database is an application of its own.
  if (/operator|controller/.test(last)) return undefined;
  for (const [pattern, role] of ROLES)
    if (pattern.test(role === 'ops' ? opsPart(name) : last)) return role;
  return undefined;
}

/**
 * The part of an image's name that says it is monitoring: its name, and a Docker Hub owner's
 * name with it (`jaegertracing/all-in-one`), not a path a registry keeps it under
 * (`ghcr.io/acme/spring-microservices-otel-k8s/cart-service` is a cart service).
 */
function opsPart(name: string): string {
  const parts = name.split('/');
  return parts.length === 2 && !/[.:]/.test(parts[0]!) ? name : parts[parts.length - 1]!;
}

/** An architecture finding for one unit of containers deployed together, or none. */
export function architectureOf(
  components: readonly Component[],
  file: string,
): Finding | undefined {
  if (components.length === 0) return undefined;
  // Each deployable by its key (image or build context), shown by its first service's name.
  const own = new Map<string, string>();
  const tiers = new Map<string, string>();
  const ops: string[] = [];
  // An image built here under a name another service runs (cal.com's studio runs the image
  // its calcom service builds) is that build.
  const builtAs = new Map(
    components.flatMap((c) =>
      c.build !== undefined && c.image !== undefined
        ? [[imageName(c.image), `build ${c.build}`] as const]
        : [],
    ),
  );
  for (const component of components) {
    const role =
      roleOf(component) ??
      (isSuppliedService(component, components) || isMailRelay(component, components)
        ? 'backing'
        : undefined);
    // Containers of one image or one build context are one deployable, however many run.
    const key =
      component.build !== undefined
        ? `build ${component.build}`
        : component.image !== undefined
          ? (builtAs.get(imageName(component.image)) ?? deployableOf(component.image))
          : component.name;
    if (role === undefined) own.set(key, own.get(key) ?? component.name);
    else if (role === 'ops') ops.push(component.name);
    else tiers.set(key, tiers.get(key) ?? component.name);
  }
  const finding = (
    value: 'monolith' | 'multi-tier' | 'microservices',
    strength: 1 | 2,
    reason: string,
  ): Finding => ({ question: 'architecture', value, strength, file, reason });
  if (own.size >= 3)
    return finding(
      'microservices',
      2,
      `${own.size} services of its own (${list(own)}) talking to each other`,
    );
  if (own.size >= 1 && own.size + tiers.size >= 2)
    return finding(
      'multi-tier',
      tiers.size > 0 ? 2 : 1,
      tiers.size > 0
        ? `${list(own)} with ${list(tiers)}, one container per tier`
        : `${list(own)}, one container per tier`,
    );
  if (own.size === 1) {
    const extra = ops.length > 0 ? ` (beside it, monitoring: ${ops.join(', ')})` : '';
    const runs = components.length - ops.length;
    return finding(
      'monolith',
      1,
      runs > 1 ? `one deployable, run ${runs} times${extra}` : `one deployable${extra}`,
    );
  }
  // Only off-the-shelf images: a stack of existing services, each its own tier.
  const all = [...tiers.values(), ...ops];
  if (all.length >= 2)
    return finding('multi-tier', 1, `a stack of existing services (${list(all)})`);
  return undefined;
}

function list(names: ReadonlyMap<string, string> | readonly string[]): string {
  const all = Array.isArray(names) ? names : [...names.values()];
  return all.length > 5 ? `${all.slice(0, 5).join(', ')}, …` : all.join(', ');
}

/** An image reference without its digest and tag: `registry:5000/acme/api:1.4` → `registry:5000/acme/api`. */
export function imageName(reference: string): string {
  return reference.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
}

/**
 * An image as a deployable: by its name, and by a tag that names a part rather than a version or
 * a base (`intro-to-mltp:mythical-beasts-requester-latest` and `…-server-latest` are two
 * services; `postgres:16-alpine` and `app:${TAG}` are their images).
 */
function deployableOf(reference: string): string {
  const name = imageName(reference);
  const tag = /:([^/:]+)$/.exec(reference.replace(/@.*$/, ''))?.[1] ?? '';
  const part = tag
    .replace(/\$\{?\w+\}?/g, '')
    .split(/[-_.]+/)
    .filter(
      (word) =>
        !/^(v?\d\w*|latest|stable|edge|main|master|dev|nightly|release|alpine|slim|bookworm|bullseye|buster|jammy|focal|noble|debian|ubuntu|amd64|arm64)$/i.test(
          word,
        ),
    )
    .join('-');
  return /[a-z]{3,}/i.test(part) ? `${name}:${part}` : name;
}
