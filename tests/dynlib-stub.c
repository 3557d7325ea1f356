/* An empty library: a stand-in under the soname of a real one (tests/dynlib-loading). */
