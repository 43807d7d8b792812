/** Reads a /metrics answer as Prometheus would: parsed by a text-format parser, not by prom-client. */
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface Sample {
  labels?: Record<string, string>;
  value?: string;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: string;
  metrics: Sample[];
}

/** GETs `${url}/metrics` (with `token` as a bearer token) and parses it; throws unless it answers 200. */
export async function scrape(url: string, token?: string): Promise<MetricFamily[]> {
  const response = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  // This parser folds a histogram's labelled series into one and drops their labels: read a histogram's
  // _bucket, _sum and _count as the plain series they are in the text, with their labels.
  const text = (await response.text()).replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped');
  // Untyped, each run of lines of one name is a family of its own: gather a name's samples into one.
  const families = new Map<string, MetricFamily>();
  for (const family of parsePrometheusTextFormat(text) as MetricFamily[]) {
    const seen = families.get(family.name);
    if (seen) seen.metrics.push(...family.metrics);
    else families.set(family.name, family);
  }
  return [...families.values()];
}

/** The value of the sample with exactly these labels (0 when the series is not there yet: a labelled one appears at its first use). */
export function valueOf(families: MetricFamily[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  const sample = family?.metrics.find((m) => JSON.stringify(m.labels ?? {}) === JSON.stringify(labels));
  return sample ? Number(sample.value) : 0;
}
