"""Stories and provenance: copies, their origin and what each copy changed."""
