package io.cordum.bench;

/** One measured run. */
record Result(
    String name, int window, int jobs, double seconds, double p50Micros, double p99Micros) {
  double perSecond() {
    return jobs / seconds;
  }

  String row() {
    return String.format(
        "| %-34s | %6d | %7d | %10.0f | %9.1f | %9.1f |",
        name, window, jobs, perSecond(), p50Micros, p99Micros);
  }

  static String header() {
    return "| run                                | window |    jobs |     jobs/s |  p50 (µs) |  p99 (µs) |\n"
        + "|------------------------------------|-------:|--------:|-----------:|----------:|----------:|";
  }
}
