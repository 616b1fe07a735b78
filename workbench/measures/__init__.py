"""The shipped dataset of documented US measures: loading into the store, querying, export."""
