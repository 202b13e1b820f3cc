/* Material's search worker, made to find what a reader types on a phone (issue 15).

   scripts/hooks/search.py points Material at this file, with the name of Material's own
   worker (hashed) in `?worker=` and the page's language in `?lang=`; it sits beside
   Material's, so Material's `../lunr` still resolves. The page starts it when the reader
   first uses search (overrides/partials/search-on-demand.html): it loads Material's code and
   the language's stemmer while the index is on its way.

   What it adds to Material's lunr index (the stemmer itself is turned on in mkdocs.yml):
   - accents folded (NFD, marks stripped, œ and æ spelled out) before the stemmer, in the
     index and in the query: "numerique" finds what "numérique" finds;
   - stems taken to the end (see `stem`), and each query term looked up by its stem as well
     as by prefix (see `clause`): "mutuelles" finds what "mutuelle" finds, "mutu" and
     "allocati" still find words being typed;
   - French elisions dropped from the query ("l’accueil" finds what "accueil" finds);
   - the terms of each result (which Material shows when missing, and puts in `?h=` to
     highlight the page) are the words found as written in that result, accents included. */
"use strict";

var PARAMETERS = new URL(location.href).searchParams;
var typed = {};  // the query's words as typed, by their folded form
var roots = {};
var DUTCH = PARAMETERS.get("lang") === "nl";
var FRENCH = PARAMETERS.get("lang") === "fr";  // the query's words (folded), by the common beginning of what they match

function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
}

// French elisions: the index splits "l’accueil" at the apostrophe and drops "l" (a stop
// word); the query loses it too, or "l" would find every word that begins with an l.
var ELISION = PARAMETERS.get("lang") === "fr" ? /(^|[^\p{L}])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=\p{L})/giu : null;

// The words of the query as typed, for the results that miss them. Registered before
// Material's listener, which answers after this one has run.
addEventListener("message", function (event) {
  if (event.data && event.data.type === 2) {  // 2: QUERY
    if (ELISION) event.data.data = String(event.data.data).replace(ELISION, "$1");
    typed = {};
    roots = {};
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
// (on the 2020 analysis, 2 to 3 times; a few more at most). Each word once: the index
// repeats its words many times over, and stemmers are slow.
var stemmed = new Map();
function stem(stemmer, word) {
  var result = stemmed.get(word);
  if (result === undefined) {
    var token = new self.lunr.Token(word);
    for (var i = 0; i < 5; i++) {
      var before = String(token);
      token = stemmer(token);
      if (String(token) === before) break;
    }
    stemmed.set(word, result = String(token));
  }
  return result;
}

var vocabulary = new Set();  // the index's words, folded, as written
var words = null;  // the same, in an array, once the index is built

function extend(lunr) {
  var folding = function (token) {
    return token.update(fold);
  };
  lunr.Pipeline.registerFunction(folding, "folding");

  // Material sets up the pipelines (language, then the functions mkdocs.yml leaves out)
  // before naming the reference field: then folding goes before the stemmer, which is
  // applied again to its own stem (see `stem`); the index notes the words as written.
  var ref = lunr.Builder.prototype.ref;
  lunr.Builder.prototype.ref = function (name) {
    var stemmer = stemmerOf(this.pipeline);
    if (stemmer) {
      var indexStemming = function (token) {
        return token.update(function (word) {
          vocabulary.add(word);
          return stem(stemmer, word);
        });
      };
      var stemming = function (token) {
        return token.update(function (word) { return stem(stemmer, word); });
      };
      lunr.Pipeline.registerFunction(indexStemming, "folding-index-stemmer");
      lunr.Pipeline.registerFunction(stemming, "folding-stemmer");
      this.pipeline.before(stemmer, folding);
      this.pipeline.before(stemmer, indexStemming);
      this.pipeline.remove(stemmer);
      this.searchPipeline.reset();
      this.searchPipeline.add(folding, stemming);
    } else {
      this.pipeline.add(folding);
      this.searchPipeline.add(folding);
    }
    return ref.call(this, name);
  };
  var build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    return index = build.call(this);
  };

  // Material writes every query term as a prefix ("mutuelles*"), which lunr looks up without
  // its pipeline, in an index of stems: a whole word would find nothing. A prefix term is
  // looked up as a prefix of the stems (a word being typed: "mutu"), by its own stem (a
  // whole word: "mutuelles", "mutuel"), and by the stems of the index's words it begins
  // ("allocati", typed past the stem "alloc" of "allocation"). Material checks which terms
  // each result has by comparing its clauses with the stems found: its clauses hold the
  // common beginning of all these (in `roots`, with the word as typed).
  var searching = false;
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (c) {
    if (typeof c.term !== "string") return clause.call(this, c);
    c.term = fold(c.term);
    var optional = !c.presence || c.presence === lunr.Query.presence.OPTIONAL;
    if (!index || !optional || c.usePipeline !== false || !/^[^*]+\*$/.test(c.term)) return clause.call(this, c);
    var prefix = c.term.slice(0, -1);
    var exact = stemsBeginning(prefix);
    if (!searching) {
      var root = exact.reduce(commonBeginning, prefix) || prefix;
      roots[root] = roots[root] || prefix;
      return clause.call(this, Object.assign(c, { term: root + "*" }));
    }
    var self = this;
    exact.forEach(function (term) {
      clause.call(self, Object.assign({}, c, { term: term, wildcard: lunr.Query.wildcard.NONE }));
    });
    return clause.call(this, c);
  };

  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (fn) {
    searching = true;
    try {
      return query.call(this, fn);
    } finally {
      searching = false;
    }
  };
}

// The stems a prefix stands for, besides the stems it begins: its own, and those of the
// index's words it begins (a scan of the vocabulary: some thousand words).
function stemsBeginning(prefix) {
  words = words || Array.from(vocabulary);
  var found = [stemOf(prefix)];
  // Dutch plurals in -s after a vowel ("keuzes", "organisaties"), which the Dutch stemmer
  // keeps whole: their singular's stem too. Only the query widens; the index is unchanged.
  if (DUTCH && /[aeiouy]s$/.test(prefix) && prefix.length > 4) found.push(stemOf(prefix.slice(0, -1)));
  // French plurals in -x ("lieux", "jeux", "bureaux"), which the French stemmer keeps: the same.
  if (FRENCH && /(?:au|eu|ou)x$/.test(prefix)) found.push(stemOf(prefix.slice(0, -1)));
  for (var i = 0; i < words.length; i++) {
    if (words[i].indexOf(prefix) === 0) {
      var root = stemmed.get(words[i]);
      if (found.indexOf(root) < 0) found.push(root);
    }
  }
  return found.filter(function (root) { return root && root.indexOf(prefix) !== 0; });
}

function commonBeginning(a, b) {
  var i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

// The stem of a word, through the index's search pipeline (folding, stemmer).
function stemOf(word) {
  return (index ? index.pipeline.runString(word) : [word])[0] || "";
}

// Material's terms of each result are its clauses (the roots above), found (true) or
// missing (false); it shows the missing ones and highlights the found ones on the page
// (`?h=`), where the text has its accents. Found: the words it marked in the result whose
// stem begins with the root, as written; missing: the word as typed.
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
        var found = marked.filter(function (word) {
          return stemOf(word).indexOf(key) === 0;
        });
        found.forEach(function (word) { terms[word] = true; });
        if (!found.length) {
          var word = roots[key] || key;
          terms[item.terms[key] ? key : typed[word] || word] = item.terms[key];
        }
      });
      item.terms = terms;
    });
  });
}
