/* Material's search worker, made to find what a reader types on a phone (issue 15).

   scripts/hooks/search.py points Material at this file, with the name of Material's own
   worker (hashed) in `?worker=` and the page's language in `?lang=`; it sits beside
   Material's, so Material's `../lunr` still resolves. The page starts it when the reader
   first uses search (overrides/partials/search-on-demand.html): it loads Material's code and
   the language's stemmer while the index is on its way.

   What it adds to Material's lunr index (the stemmer itself is set in mkdocs.yml):
   - accents folded (NFD, marks stripped, œ and æ spelled out) before the stemmer, in the
     index and in the query: "numerique" finds what "numérique" finds;
   - each word indexed as written (folded) and stemmed: Material makes every query term a
     prefix ("mutuelles*"), which lunr matches without its pipeline, so against a stemmed
     index a whole word would find nothing; each such term is now also looked up by its
     stem, which is how a plural finds its singular, while a word still being typed keeps
     matching as a prefix of the words as written;
   - the terms of each result (which Material marks as missing, and puts in `?h=` to
     highlight the page) are the words found as written in that result, accents included. */
"use strict";

var PARAMETERS = new URL(location.href).searchParams;
var typed = {};

function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
}

// The words of the query as typed, for the results that miss them. Registered before
// Material's listener, which answers after this one has run.
addEventListener("message", function (event) {
  if (event.data && event.data.type === 2) {  // 2: QUERY
    typed = {};
    String(event.data.data).toLowerCase().split(/\s+/).forEach(function (word) {
      word = word.replace(/^[+-]|[*~^\d]+$/g, "");
      typed[fold(word)] = word;
    });
  }
});

// Each script once: Material asks again, once the index is there, for the stemmer loaded here.
var imported = {};
var importEach = self.importScripts;
self.importScripts = function () {
  var urls = Array.prototype.filter.call(arguments, function (url) {
    var href = new URL(url, location.href).href;
    return imported[href] ? false : (imported[href] = true);
  });
  if (urls.length) importEach.apply(self, urls);
};

// Only a worker of Material's, beside this one: a plain file name.
if (!/^[\w.-]+\.js$/.test(PARAMETERS.get("worker") || "")) throw new Error("search-folding.js: no ?worker=");
importScripts(PARAMETERS.get("worker"));
extend(self.lunr);
var post = self.postMessage;
self.postMessage = function (message) {
  if (message && message.type === 3 && message.data) wordsFound(message.data.items);  // 3: RESULT
  return post.apply(self, arguments);
};
if (/^[a-z]{2}$/.test(PARAMETERS.get("lang") || "") && PARAMETERS.get("lang") !== "en") {
  importScripts("../lunr/min/lunr.stemmer.support.min.js", "../lunr/min/lunr." + PARAMETERS.get("lang") + ".min.js");
}

var index = null;  // the lunr index being searched

function stemmerOf(pipeline) {
  return pipeline._stack.filter(function (fn) { return /^stemmer/.test(fn.label); })[0];
}

// Snowball stemmers take one suffix off at a time, and folded words lose the accents some
// rules look for: "derniere" gives "dernier" where "dernier" gives "derni", "usagers" gives
// "usager" where "usager" gives "usag". Stemmed until it no longer changes, each pair meets
// (on the 2020 analysis, 2 to 3 times; a few more at most).
function stem(stemmer, token) {
  for (var i = 0; i < 5; i++) {
    var before = String(token);
    token = stemmer(token);
    if (String(token) === before) break;
  }
  return token;
}

function extend(lunr) {
  var folding = function (token) {
    return token.update(fold);
  };
  lunr.Pipeline.registerFunction(folding, "folding");

  // Material sets up the pipelines (language, then the functions mkdocs.yml leaves out)
  // before naming the reference field: then folding goes before the stemmer, which is
  // applied again to its own stem (see `stem`), and the index keeps the word as written.
  var ref = lunr.Builder.prototype.ref;
  lunr.Builder.prototype.ref = function (name) {
    var stemmer = stemmerOf(this.pipeline);
    if (stemmer) {
      var stemming = function (token) {
        return stem(stemmer, token);
      };
      var keepWord = function (token) {
        var word = token.clone();
        var stemmed = stem(stemmer, token);
        return String(stemmed) !== String(word) ? [word, stemmed] : word;
      };
      lunr.Pipeline.registerFunction(stemming, "folding-stemmer");
      lunr.Pipeline.registerFunction(keepWord, "folding-keep-word");
      this.pipeline.before(stemmer, folding);
      this.pipeline.before(stemmer, keepWord);
      this.pipeline.remove(stemmer);
      this.searchPipeline.reset();
      this.searchPipeline.add(folding, stemming);
    } else {
      this.pipeline.add(folding);
      this.searchPipeline.add(folding);
    }
    return ref.call(this, name);
  };

  // Query terms are folded; in a search, a prefix term ("mutuelles*", as Material writes
  // every term) is looked up as a prefix and by its stem (lunr's search pipeline).
  var searching = false;
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (c) {
    if (typeof c.term === "string") c.term = fold(c.term);
    var optional = !c.presence || c.presence === lunr.Query.presence.OPTIONAL;
    if (searching && optional && c.usePipeline === false && /^[^*]+\*$/.test(c.term)) {
      clause.call(this, Object.assign({}, c, { term: c.term.slice(0, -1), usePipeline: true }));
    }
    return clause.call(this, c);
  };

  // A word found both as written and by its stem has its place twice in lunr's match data:
  // once is enough (Material would mark it twice). The match data shares objects with the
  // index: it is copied, not changed.
  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (fn) {
    searching = true;
    index = this;
    try {
      var results = query.call(this, fn);
    } finally {
      searching = false;
    }
    results.forEach(function (result) {
      var seen = {};
      var found = result.matchData.metadata;
      var metadata = {};
      Object.keys(found).forEach(function (term) {
        metadata[term] = {};
        Object.keys(found[term]).forEach(function (field) {
          metadata[term][field] = {
            position: (found[term][field].position || []).filter(function (position) {
              var key = field + ":" + position;
              return seen[key] ? false : (seen[key] = true);
            })
          };
        });
      });
      result.matchData = { metadata: metadata };  // Material reads only this
    });
    return results;
  };
}

// The stems of a word, through the index's search pipeline (folding, stemmer).
function stems(word) {
  return index ? index.pipeline.runString(word) : [word];
}

// Material's terms of each result are the query's words, found (true) or missing (false),
// compared with the index's words; it shows the missing ones and highlights the found ones
// on the page (`?h=`), where the text has its accents. Found: the words it marked in the
// result that a query word stands for; missing: the query word as typed.
function wordsFound(groups) {
  groups.forEach(function (items) {
    items.forEach(function (item) {
      var keys = Object.keys(item.terms || {});
      if (!keys.length) return;
      var marked = [];
      ((item.title || "") + " " + (item.text || "")).replace(/<mark>([^<]*)<\/mark>/g, function (_, word) {
        word = word.toLowerCase();
        if (marked.indexOf(word) < 0) marked.push(word);
      });
      var terms = {};
      keys.forEach(function (key) {
        var keyStems = stems(key);
        // As the search matched: as a prefix, or by stem (that of the word, or the word itself).
        var found = marked.filter(function (word) {
          var folded = fold(word);
          return folded.indexOf(key) === 0 || [folded].concat(stems(folded)).some(function (stem) {
            return keyStems.indexOf(stem) >= 0;
          });
        });
        found.forEach(function (word) { terms[word] = true; });
        if (!found.length) {
          if (item.terms[key]) terms[key] = true;
          else terms[typed[key] || key] = false;
        }
      });
      item.terms = terms;
    });
  });
}
