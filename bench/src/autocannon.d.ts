// autocannon 8 ships no types; this declares only the part of its programmatic API the bench uses.
declare module 'autocannon' {
  namespace autocannon {
    /** One connection; its headers can be replaced while the run goes on. */
    interface Client {
      setHeaders(headers: Record<string, string>): void;
    }

    interface Options {
      url: string;
      method?: 'GET' | 'POST';
      headers?: Record<string, string>;
      body?: string;
      /** Seconds */
      duration?: number;
      connections?: number;
      /** Seconds to wait for an answer before counting a timeout */
      timeout?: number;
      setupClient?: (client: Client) => void;
      /** A falsy answer counts the response in `mismatches`. */
      verifyBody?: (body: string) => boolean;
    }

    /** hdr-histogram-percentiles-obj: latency in milliseconds, requests and throughput per second. */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p99: number;
    }

    interface Result {
      requests: Histogram;
      latency: Histogram;
      throughput: Histogram;
      /** Seconds */
      duration: number;
      /** Connection errors, timeouts included */
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
    }
  }

  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
