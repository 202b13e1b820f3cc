"""The content model of the site, shared by the MkDocs hooks (scripts/hooks/) and the
coordinators' tool (scripts/analyses.py). One module per concern:

- languages: French is the source, Dutch the translation;
- errors: ContentError, bad content: every problem found, each with its file, line and fix;
- datafiles: reading YAML with the line of every key, syntax errors explained;
- schema: the front matter of each kind of page, declared once;
- validation: every problem of the content at once (data files, front matter, analyses);
- pages: a Markdown page's front matter, headings and sector sections;
- text: slugs, plain text, Markdown line starts, alphabetical order;
- urls: a page's source path, URL and links;
- generated: pages and HTML that hooks make;
- safe: text from files escaped or sanitised where it lands;
- analyses: the analyses and their chapters;
- vocabulary: themes and sectors;
- glossary: the glossary and the regex that finds its terms;
- interface: our own interface strings;
- organisation: what only the coordination says about itself (members, activities, rhythm,
  confirmed titles and dates);
- translations: whether a Dutch page is up to date with the French, and which paragraphs changed;
- drafts: unfinished pages, shown with a banner while written, left out when published.
"""
