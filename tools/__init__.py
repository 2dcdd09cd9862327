"""Developer tools: benchmarks, the synthetic national portfolio, load tests (not part of the product)."""
