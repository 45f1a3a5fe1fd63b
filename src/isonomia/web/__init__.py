"""The HTTP interface: a JSON API over `isonomia.service`, like the CLI an interface that
reaches the rest only through the service layer. `isonomia.web.app.create_app` builds it;
`isonomia serve` runs it."""
