"""Excel in and out for the scheme registry: export, template, import with preview."""
