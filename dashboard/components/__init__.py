"""UI components: a pure builder (values → HTML or figure) plus a one-line ``st.*`` call."""
