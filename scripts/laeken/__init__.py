"""The content model of the site, shared by the MkDocs hooks (scripts/hooks/) and the
coordinators' tool (scripts/analyses.py). One module per concern:

- languages: French is the source, Dutch the translation;
- errors: ContentError, bad content with the file, line and what would be right;
- datafiles: reading YAML;
- pages: a Markdown page's front matter, headings and sector sections;
- text: slugs, plain text, Markdown line starts, alphabetical order;
- urls: a page's source path, URL and links;
- generated: pages and HTML that hooks make;
- safe: text from files escaped or sanitised where it lands;
- analyses: the analyses and their chapters;
- vocabulary: themes and sectors;
- glossary: the glossary and the regex that finds its terms;
- interface: our own interface strings;
- translations: whether a Dutch page is up to date with the French.
"""
