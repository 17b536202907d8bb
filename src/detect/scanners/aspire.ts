// A .NET Aspire app host (`DistributedApplication.CreateBuilder`): the resources it adds are the
// application's parts. Its own projects and apps are services, each run as a process or a
// container of its own; the databases, caches and brokers it adds are tiers beside them.
import { architectureOf, type Component } from '../architecture.js';
import type { Finding, Scanner } from '../types.js';

/** The image each hosting integration runs, as architecture.ts knows images by name. */
const INTEGRATIONS: Readonly<Record<string, string>> = {
  Redis: 'redis',
  Valkey: 'valkey',
  Garnet: 'redis',
  Postgres: 'postgres',
  MySql: 'mysql',
  SqlServer: 'mssql',
  MongoDB: 'mongo',
  RabbitMQ: 'rabbitmq',
  Kafka: 'kafka',
  Nats: 'nats',
  Elasticsearch: 'elasticsearch',
  Keycloak: 'keycloak',
  // YARP is a reverse proxy: an edge, as Envoy is.
  Yarp: 'envoy',
};

/** Resources that run the application's own code: a .NET project, a Node, Python or other app. */
const OWN =
  /\.Add(?:Project\s*<\s*Projects\.(\w+)\s*>|(?:Npm|JavaScript|Node|Vite|Python|Uvicorn|Golang|Executable)App|Executable)\s*\(\s*"([\w.-]+)"/g;

/** Resources from an integration (`AddPostgres("postgres")`) or a container (`AddContainer`). */
const ADDED = /\.Add(\w+?)\s*\(\s*"([\w.-]+)"(?:\s*,\s*"([\w./:-]+)")?/g;

export const aspireScanner: Scanner = {
  name: 'aspire',
  wants: (path, name) => /\.cs$/.test(name) && /apphost/i.test(path),
  scan(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      if (!/\bDistributedApplication\s*\.\s*CreateBuilder\b/.test(file.text)) continue;
      const code = file.text.replace(/^[ \t]*\/\/.*$/gm, '');
      const components: Component[] = [];
      for (const match of code.matchAll(OWN)) {
        const name = match[2]!;
        components.push({ name, build: match[1] ?? name });
      }
      for (const match of code.matchAll(ADDED)) {
        const [, kind, name, image] = match as unknown as [string, string, string, string?];
        const known = INTEGRATIONS[kind];
        if (kind === 'Container' && image) components.push({ name, image });
        else if (known) components.push({ name, image: known });
      }
      if (components.length === 0) continue;
      findings.push({
        question: 'processes',
        value: 'single',
        strength: 2,
        file: file.path,
        reason: `a .NET Aspire app host runs ${components.length} resource(s), each a process or container of its own`,
      });
      const architecture = architectureOf(components, file.path);
      if (architecture) findings.push(architecture);
    }
    return findings;
  },
};
