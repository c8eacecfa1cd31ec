// Fleet host table: sort by any column, filter by text, verdict and finding. The page is complete
// without this script: every host is a static row, worst first. The script reads each row once,
// then keeps the rows in arrays; sorting and filtering work on arrays. Beyond VIRTUAL_FROM rows only
// those in view (plus a margin) are put into the table, with two spacer rows standing in for the
// rest, so 10,000 hosts cost no more to sort, filter or scroll than 100. Before printing, every row that passes the
// filter goes back into the table. Collected text is only ever read as textContent, never written
// as markup.
(function () {
  var table = document.getElementById('fleet-table');
  if (!table || !table.tBodies[0] || !table.tHead) return;
  var wrap = table.parentNode;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var count = rows.length;
  var COLUMNS = 7;
  var OVERSCAN = 20;
  // Up to this many rows the table simply holds them all (cells wrap); beyond, only those in view.
  var VIRTUAL_FROM = 500;
  var virtual = count > VIRTUAL_FROM;
  var VERDICT = { nr: 0, 'in': 1, ok: 2 };
  var group = function (n) { return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ','); };

  // Per row, read once: the cells' text, the verdict, the finding sets and the text to search.
  var num = new Array(count), host = new Array(count), input = new Array(count), verdict = new Array(count);
  var blocking = new Array(count), verify = new Array(count), rules = new Array(count), ruleCount = new Array(count);
  var failed = new Array(count), unknown = new Array(count), haystack = new Array(count), titled = new Array(count);
  for (var i = 0; i < count; i++) {
    var cells = rows[i].cells;
    num[i] = +cells[0].textContent;
    host[i] = cells[1].textContent;
    input[i] = cells[2].textContent;
    verdict[i] = rows[i].className;
    blocking[i] = +cells[4].textContent;
    verify[i] = +cells[5].textContent;
    rules[i] = cells[6].textContent;
    // The cell lists the rule ids, unless it says something else (a host that was never collected):
    // then the ids are in data-rules.
    var idText = rows[i].getAttribute('data-rules');
    if (idText === null) idText = rules[i];
    var ids = idText ? idText.split(', ') : [];
    var f = ' ', u = ' ';
    for (var k = 0; k < ids.length; k++) {
      if (ids[k].charAt(ids[k].length - 1) === '?') u += ids[k].slice(0, -1) + ' ';
      else f += ids[k] + ' ';
    }
    ruleCount[i] = ids.length;
    failed[i] = f;
    unknown[i] = u;
    haystack[i] = (host[i] + '\n' + input[i] + '\n' + cells[3].textContent + '\n' + rules[i] + (idText !== rules[i] ? '\n' + idText : '')).toLowerCase();
  }
  // Out of the document before anything asks for layout: the browser never lays out all the rows.
  tbody.textContent = '';

  // order: every row, in the current sort order; list: the rows that pass the filter, in that order.
  var order = [], list = [];
  for (var r0 = 0; r0 < count; r0++) order.push(r0);

  // ---- rendering: only the rows in view ----
  function spacer() {
    var tr = document.createElement('tr');
    tr.className = 'spacer';
    tr.setAttribute('aria-hidden', 'true');
    var td = document.createElement('td');
    td.colSpan = COLUMNS;
    tr.appendChild(td);
    return tr;
  }
  var above = spacer(), below = spacer();
  var rowHeight = 24, measured = false, first = -1, last = -1, printing = false, scheduled = false;
  if (virtual) table.classList.add('virtual');

  function render(force) {
    scheduled = false;
    if (printing) return;
    var n = list.length;
    var start = 0, end = n;
    if (virtual) {
      var top = wrap.scrollTop - table.tHead.offsetHeight;
      start = Math.max(0, Math.min(n, Math.floor(top / rowHeight)) - OVERSCAN);
      end = Math.min(n, Math.ceil((top + wrap.clientHeight) / rowHeight) + OVERSCAN);
    }
    if (!force && start === first && end === last) return;
    first = start;
    last = end;
    var fragment = document.createDocumentFragment();
    fragment.appendChild(above);
    for (var p = start; p < end; p++) {
      var index = list[p];
      var row = rows[index];
      row.setAttribute('aria-rowindex', p + 2);
      if (virtual && !titled[index]) {
        // Cells are cut to one line here; the whole text stays available as a tooltip.
        row.cells[1].title = host[index];
        row.cells[2].title = input[index];
        if (rules[index]) row.cells[6].title = rules[index];
        titled[index] = true;
      }
      fragment.appendChild(row);
    }
    fragment.appendChild(below);
    above.firstChild.style.height = start * rowHeight + 'px';
    below.firstChild.style.height = (n - end) * rowHeight + 'px';
    tbody.textContent = '';
    tbody.appendChild(fragment);
    table.setAttribute('aria-rowcount', n + 1);
    if (virtual && !measured && end > start) {
      // Every row is one line high: the rows just rendered give the height of all of them.
      measured = true;
      var height = (rows[list[end - 1]].getBoundingClientRect().bottom - rows[list[start]].getBoundingClientRect().top) / (end - start);
      if (height > 0 && Math.abs(height - rowHeight) > 0.01) {
        rowHeight = height;
        render(true);
      }
    }
  }
  var forced = false;
  function schedule(force) {
    forced = forced || force === true;
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(function () {
      var force = forced;
      forced = false;
      render(force);
    });
  }
  wrap.addEventListener('scroll', function () { schedule(false); }, { passive: true });
  // A new width or zoom can change the row height: measure again.
  window.addEventListener('resize', function () {
    measured = false;
    schedule(true);
  });
  window.addEventListener('beforeprint', function () {
    printing = true;
    var fragment = document.createDocumentFragment();
    for (var p = 0; p < list.length; p++) fragment.appendChild(rows[list[p]]);
    tbody.textContent = '';
    tbody.appendChild(fragment);
  });
  window.addEventListener('afterprint', function () {
    printing = false;
    tbody.textContent = '';
    render(true);
  });

  // ---- filtering ----
  var tools = document.getElementById('fleet-tools');
  var filter = document.getElementById('fleet-filter');
  var verdictSelect = document.getElementById('fleet-verdict');
  var findingSelect = document.getElementById('fleet-finding');
  var output = document.getElementById('fleet-count');
  function apply() {
    var terms = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = verdictSelect.value;
    var finding = findingSelect.value;
    var set = finding.charAt(0) === 'f' ? failed : finding.charAt(0) === 'u' ? unknown : null;
    var id = ' ' + finding.slice(2) + ' ';
    var next = [];
    for (var p = 0; p < count; p++) {
      var r = order[p];
      if (wanted && verdict[r] !== wanted) continue;
      if (set && set[r].indexOf(id) < 0) continue;
      var match = true;
      for (var t = 0; match && t < terms.length; t++) match = haystack[r].indexOf(terms[t]) >= 0;
      if (match) next.push(r);
    }
    list = next;
    wrap.scrollTop = 0;
    output.textContent = list.length === count ? 'all ' + group(count) + ' hosts' : group(list.length) + ' of ' + group(count) + ' hosts';
    table.classList.toggle('empty', list.length === 0);
    if (printing) return;
    render(true);
  }
  filter.addEventListener('input', apply);
  verdictSelect.addEventListener('change', apply);
  findingSelect.addEventListener('change', apply);
  document.getElementById('fleet-clear').addEventListener('click', function () {
    filter.value = '';
    verdictSelect.value = '';
    findingSelect.value = '';
    apply();
  });
  // A bar of the chart filters the table to that finding (the link itself scrolls to the table).
  var chart = document.getElementById('fleet-chart');
  if (chart) {
    chart.addEventListener('click', function (event) {
      var link = event.target && event.target.closest ? event.target.closest('a[data-finding]') : null;
      if (!link) return;
      findingSelect.value = link.getAttribute('data-finding');
      apply();
    });
  }

  // ---- sorting: text columns get a rank once (one collator pass), then comparisons are numeric ----
  var collator = typeof Intl !== 'undefined' ? new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }) : null;
  var ranks = {};
  function rankOf(values, column) {
    if (ranks[column]) return ranks[column];
    var sorted = order.slice().sort(function (a, b) {
      return (collator ? collator.compare(values[a], values[b]) : values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0) || num[a] - num[b];
    });
    var rank = new Array(count);
    for (var p = 0; p < count; p++) rank[sorted[p]] = p;
    return (ranks[column] = rank);
  }
  function key(column) {
    if (column === 0) return num;
    if (column === 1) return rankOf(host, 1);
    if (column === 2) return rankOf(input, 2);
    if (column === 3) return verdict.map(function (v) { return VERDICT[v]; });
    if (column === 4) return blocking;
    if (column === 5) return verify;
    return ruleCount;
  }
  var headers = table.tHead.rows[0].cells;
  var current = { column: 3, descending: false };
  function sortBy(column, descending) {
    var values = key(column);
    order.sort(function (a, b) { return (descending ? values[b] - values[a] : values[a] - values[b]) || num[a] - num[b]; });
    for (var h = 0; h < headers.length; h++) {
      if (h === column) headers[h].setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else headers[h].removeAttribute('aria-sort');
    }
    current = { column: column, descending: descending };
    apply();
  }
  for (var h = 0; h < headers.length; h++) {
    (function (column, th) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      button.title = 'Sort by ' + th.textContent;
      button.addEventListener('click', function () {
        // Counts start with the most to act on; text, numbers and verdicts with the first / worst.
        var most = column === 4 || column === 5 || column === 6;
        sortBy(column, current.column === column ? !current.descending : most);
      });
      th.textContent = '';
      th.appendChild(button);
    })(h, headers[h]);
  }
  // The page arrives sorted by verdict: not ready first, then incomplete, then ready; input order within.
  headers[3].setAttribute('aria-sort', 'ascending');

  tools.hidden = false;
  apply();
  table.setAttribute('data-ready', '');
  if (window.performance && performance.mark) performance.mark('nestready-fleet-ready');
})();
