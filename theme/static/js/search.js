// Search over the Pagefind indexes that `briefing build` writes to /pagefind/, one per month
// of articles (pagefind/shards.json lists them, newest first): the newest is loaded and the
// others merged into it, and Pagefind ranks the results of every month together.
// Each result links to the article and to the sentence where the words were found.
const siteRoot = new URL("../../", import.meta.url);
const OPTIONS = { baseUrl: siteRoot.pathname, excerptLength: 40 };
const { shards } = await (await fetch(new URL("pagefind/shards.json", siteRoot))).json();
const pagefind = shards.length ? await import(new URL(`pagefind/${shards[0]}/pagefind.js`, siteRoot).href) : null;
if (pagefind) {
  await pagefind.options(OPTIONS);
  for (const shard of shards.slice(1)) {
    await pagefind.mergeIndex(new URL(`pagefind/${shard}/`, siteRoot).pathname, OPTIONS);
  }
}

const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const topic = document.getElementById("search-topic");
const person = document.getElementById("search-name");
const statusLine = document.getElementById("search-status");
const list = document.getElementById("search-results");
const SENTENCE = /^s\d+-\d+$/;
const MAX_RESULTS = 30;

const BATCH = 10;
const MAX_SCANNED = 300; // with a topic chosen, at most this many matches are checked for it

// The sentence that holds the first matching word: the last sentence anchor before it.
function sentenceAnchor(data) {
  const first = Math.min(...data.locations);
  let best = null;
  for (const anchor of data.anchors) {
    if (SENTENCE.test(anchor.id) && anchor.location <= first && (!best || anchor.location >= best.location)) {
      best = anchor;
    }
  }
  return best ? best.id : "";
}

let latestRun = 0;

async function run() {
  // A newer search (another keystroke or filter) supersedes this one: only the latest renders.
  const thisRun = ++latestRun;
  const words = input.value.trim();
  const params = new URLSearchParams();
  if (words) params.set("q", words);
  if (topic.value) params.set("topic", topic.value);
  if (person.value) params.set("name", person.value);
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  if (!words) {
    list.replaceChildren();
    statusLine.textContent = "";
    return;
  }
  if (!pagefind) {
    list.replaceChildren();
    statusLine.textContent = "There are no articles to search yet.";
    return;
  }
  const search = await pagefind.search(words);
  const { datas, count, capped } = await matching(search.results, topic.value, person.value);
  if (thisRun !== latestRun) return;
  const items = [];
  for (const data of datas) {
    const item = document.createElement("li");
    item.className = "search-result";
    const link = document.createElement("a");
    const anchor = sentenceAnchor(data);
    link.href = anchor ? `${data.url}#${anchor}` : data.url;
    link.textContent = data.meta.title || data.url;
    const heading = document.createElement("p");
    heading.className = "result-title";
    heading.append(link);
    if (data.meta.date) {
      heading.append(` · ${data.meta.date}`);
    }
    const excerpt = document.createElement("p");
    excerpt.className = "result-excerpt";
    excerpt.innerHTML = data.excerpt; // Pagefind escapes the text and adds only <mark>
    item.append(heading, excerpt);
    items.push(item);
  }
  list.replaceChildren(...items);
  const scope = (topic.value ? ` in ${topic.value}` : "") + (person.value ? ` naming ${person.value}` : "");
  const number = capped ? `More than ${count}` : `${count}`;
  statusLine.textContent = count === 0 ? `No articles match “${words}”${scope}.`
    : `${number} article${count === 1 ? "" : "s"} match “${words}”${scope}.`;
}

// The results to show: all of them, or those of one topic and/or naming one person or place
// (read from each page's metadata, loaded in batches, best matches first).
async function matching(results, wanted, name) {
  if (!wanted && !name) {
    const datas = await Promise.all(results.slice(0, MAX_RESULTS).map((result) => result.data()));
    return { datas, count: results.length, capped: false };
  }
  // Pages list the names as their article writes them; the site's entity for a spelling can
  // change with later articles, and the option holds the entity's spellings as they are now.
  const option = [...person.options].find((o) => o.value === name);
  const spellings = new Set(((option && option.dataset.spellings) || name).split("|"));
  const datas = [];
  let count = 0;
  const scanned = results.slice(0, MAX_SCANNED);
  for (let start = 0; start < scanned.length; start += BATCH) {
    const batch = await Promise.all(scanned.slice(start, start + BATCH).map((result) => result.data()));
    for (const data of batch) {
      const inTopic = !wanted || (data.meta.topics || "").split("|").includes(wanted);
      const naming = !name || (data.meta.names || "").split("|").some((n) => spellings.has(n));
      if (inTopic && naming) {
        count += 1;
        if (datas.length < MAX_RESULTS) datas.push(data);
      }
    }
  }
  return { datas, count, capped: results.length > MAX_SCANNED };
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
topic.addEventListener("change", run);
person.addEventListener("change", run);

const query = new URLSearchParams(location.search);
input.value = query.get("q") || "";
topic.value = query.get("topic") || "";
person.value = query.get("name") || "";
if (input.value) run();
form.dataset.ready = "true"; // tests and scripts can wait for this
