import { describe, expect, it } from 'vitest';
import { architectureOf } from '../../src/detect/architecture.js';

const structureOf = (components: Parameters<typeof architectureOf>[0]) =>
  architectureOf(components, 'compose.yaml')?.value;

describe('architecture of containers deployed together', () => {
  it('counts one image run twice, or one build context, as one deployable', () => {
    expect(
      structureOf([
        { name: 'frontend', image: 'ghcr.io/acme/web:6.1' },
        { name: 'backend', image: 'ghcr.io/acme/web:6.1' },
      ]),
    ).toBe('monolith');
    expect(
      structureOf([
        { name: 'app', build: '.' },
        { name: 'worker', build: '.' },
      ]),
    ).toBe('monolith');
  });

  it('reads a database or a proxy beside the application as a tier', () => {
    const finding = architectureOf(
      [
        { name: 'app', build: '.' },
        { name: 'worker', build: '.' },
        { name: 'pg', image: 'postgres:16' },
        { name: 'search', image: 'opensearchproject/opensearch:2.11.0' },
      ],
      'compose.yaml',
    );
    expect(finding).toMatchObject({ value: 'multi-tier', strength: 2 });
    expect(finding?.reason).toBe('app with pg, search, one container per tier');
  });

  it('needs three services of its own for microservices', () => {
    const own = ['cart', 'checkout', 'catalog', 'payment'].map((name) => ({
      name,
      image: `acme/${name}:1`,
    }));
    expect(structureOf(own)).toBe('microservices');
    expect(structureOf(own.slice(0, 3))).toBe('microservices');
    expect(structureOf(own.slice(0, 2))).toBe('multi-tier');
  });

  it('leaves monitoring beside an application out of its structure', () => {
    expect(
      structureOf([
        { name: 'app', image: 'acme/app:1' },
        { name: 'collector', image: 'otel/opentelemetry-collector-contrib' },
        { name: 'jaeger', image: 'jaegertracing/all-in-one' },
      ]),
    ).toBe('monolith');
  });

  it('reads a stack made only of existing services as tiers, and one alone as nothing', () => {
    expect(
      structureOf([
        { name: 'prometheus', image: 'prom/prometheus' },
        { name: 'grafana', image: 'grafana/grafana' },
        { name: 'caddy', image: 'caddy:2' },
      ]),
    ).toBe('multi-tier');
    expect(structureOf([{ name: 'cache', image: 'redis:7' }])).toBeUndefined();
  });

  it('takes the operator of a database for an application of its own', () => {
    expect(structureOf([{ name: 'operator', image: 'quay.io/spotahome/redis-operator:v1' }])).toBe(
      'monolith',
    );
  });
});
