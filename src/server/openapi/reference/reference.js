// Eddy's interactive API reference: renders /services/data/openapi.json without any library or
// CDN — operations by tag, parameters, request and response schemas (with $ref resolved), and a
// "Try it" form that calls the API with the token given above. All text goes in through
// textContent, never as HTML.
(function () {
  'use strict';

  var METHODS = ['get', 'post', 'put', 'patch', 'delete'];
  var doc;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        if (key === 'text') node.textContent = attrs[key];
        else if (key === 'className') node.className = attrs[key];
        else node.setAttribute(key, attrs[key]);
      });
    }
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function resolve(schema) {
    var seen = 0;
    while (schema && schema.$ref && seen < 20) {
      var parts = schema.$ref.replace(/^#\//, '').split('/');
      var target = doc;
      parts.forEach(function (part) { target = target ? target[part] : undefined; });
      schema = target;
      seen++;
    }
    return schema || {};
  }

  function refName(schema) {
    return schema && schema.$ref ? schema.$ref.split('/').pop() : null;
  }

  function typeText(schema) {
    var s = resolve(schema);
    var name = refName(schema);
    var type = Array.isArray(s.type) ? s.type.join(' | ') : s.type || (s.oneOf ? 'one of' : s.properties ? 'object' : 'any');
    if (type === 'array' && s.items) type = typeText(s.items) + '[]';
    if (s.enum) type += ' (' + s.enum.join(', ') + ')';
    if (s.format) type += ' <' + s.format + '>';
    return name ? name + ': ' + type : type;
  }

  function renderSchema(schema, depth, stack) {
    var s = resolve(schema);
    var box = el('div', { className: 'schema' });
    var name = refName(schema);
    if (depth > 6 || (name && stack.indexOf(name) >= 0)) {
      box.appendChild(el('div', { className: 'note', text: '(' + (name || 'nested') + ', see above)' }));
      return box;
    }
    var nextStack = name ? stack.concat([name]) : stack;
    if (s.description && depth === 0) box.appendChild(el('div', { className: 'note', text: s.description }));
    if (s.type === 'array' && s.items) {
      box.appendChild(el('div', {}, [el('span', { className: 'type', text: 'array of ' + typeText(s.items) })]));
      box.appendChild(renderSchema(s.items, depth + 1, nextStack));
      return box;
    }
    if (s.oneOf || s.anyOf) {
      (s.oneOf || s.anyOf).forEach(function (option, index) {
        box.appendChild(el('div', { className: 'note', text: 'option ' + (index + 1) + ': ' + typeText(option) }));
      });
    }
    var props = s.properties || {};
    var required = s.required || [];
    Object.keys(props).forEach(function (key) {
      var prop = props[key];
      var line = el('div', { className: 'prop' }, [
        el('span', { text: key }), ' ',
        el('span', { className: 'type', text: typeText(prop) }),
        required.indexOf(key) >= 0 ? el('span', { className: 'req', text: ' required' }) : null,
        resolve(prop).description ? el('span', { className: 'note', text: ' — ' + resolve(prop).description }) : null,
      ]);
      box.appendChild(line);
      var inner = resolve(prop);
      if ((inner.properties || (inner.type === 'array' && inner.items && resolve(inner.items).properties)) && depth < 6) {
        box.appendChild(renderSchema(prop, depth + 1, nextStack));
      }
    });
    if (!Object.keys(props).length && !s.oneOf && s.type !== 'array') box.appendChild(el('div', { className: 'type', text: typeText(schema) }));
    return box;
  }

  function example(schema, depth) {
    var s = resolve(schema);
    if (depth > 4) return null;
    if (s.example !== undefined) return s.example;
    if (s.enum) return s.enum[0];
    var type = Array.isArray(s.type) ? s.type[0] : s.type;
    if (s.oneOf) return example(s.oneOf[0], depth + 1);
    if (type === 'array') return s.items ? [example(s.items, depth + 1)] : [];
    if (type === 'object' || s.properties) {
      var out = {};
      Object.keys(s.properties || {}).forEach(function (key) { out[key] = example(s.properties[key], depth + 1); });
      return out;
    }
    if (type === 'integer' || type === 'number') return 0;
    if (type === 'boolean') return false;
    if (type === 'string') return '';
    return null;
  }

  function serverBase(pathItem) {
    if (pathItem.servers && pathItem.servers[0] && pathItem.servers[0].url === '/') return '';
    return '/services/data/v' + document.getElementById('version').value;
  }

  function tryIt(path, method, op, pathItem) {
    var box = el('div', { className: 'try' });
    box.appendChild(el('strong', { text: 'Try it' }));
    var inputs = {};
    (op.parameters || []).concat(pathItem.parameters || []).forEach(function (param) {
      var p = resolve(param);
      var input = el('input', { placeholder: p.description || '' });
      inputs[p.name] = { param: p, input: input };
      box.appendChild(el('label', { text: p.name + ' (' + p.in + (p.required ? ', required' : '') + ')' }));
      box.appendChild(input);
    });
    var body = null;
    var content = op.requestBody && resolve(op.requestBody).content;
    var bodyType = content ? Object.keys(content)[0] : null;
    if (bodyType) {
      body = el('textarea');
      var sample = example(content[bodyType].schema, 0);
      body.value = bodyType === 'application/json' ? JSON.stringify(sample, null, 2) : new URLSearchParams(sample || {}).toString();
      box.appendChild(el('label', { text: 'Body (' + bodyType + ')' }));
      box.appendChild(body);
    }
    var result = el('pre', { className: 'result', hidden: 'hidden' });
    var send = el('button', { type: 'button', text: 'Send ' + method.toUpperCase() });
    send.addEventListener('click', function () {
      var url = path;
      var query = new URLSearchParams();
      Object.keys(inputs).forEach(function (name) {
        var entry = inputs[name];
        var value = entry.input.value;
        if (entry.param.in === 'path') url = url.replace('{' + name + '}', encodeURIComponent(value));
        else if (entry.param.in === 'query' && value !== '') query.set(name, value);
      });
      var target = serverBase(pathItem) + (url === '/' ? '' : url) + (query.toString() ? '?' + query.toString() : '');
      var headers = { Accept: 'application/json' };
      var token = document.getElementById('token').value.trim();
      if (token) headers.Authorization = 'Bearer ' + token;
      if (body) headers['Content-Type'] = bodyType;
      result.hidden = false;
      result.textContent = method.toUpperCase() + ' ' + target + ' …';
      fetch(target, { method: method.toUpperCase(), headers: headers, body: body ? body.value : undefined, credentials: 'same-origin' })
        .then(function (response) {
          return response.text().then(function (text) {
            var pretty = text;
            try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch { /* not JSON */ }
            result.textContent = '';
            result.appendChild(el('span', { className: response.ok ? 'status-ok' : 'status-err', text: response.status + ' ' + response.statusText }));
            result.appendChild(document.createTextNode('\n' + (response.headers.get('content-type') || '') + '\n\n' + pretty));
          });
        })
        .catch(function (error) { result.textContent = 'Request failed: ' + error.message; });
    });
    box.appendChild(send);
    box.appendChild(result);
    return box;
  }

  function renderOperation(path, method, op, pathItem) {
    var id = 'op-' + (op.operationId || method + path).replace(/[^\w-]/g, '_');
    var details = el('details', { className: 'op', id: id });
    details.appendChild(el('summary', {}, [
      el('span', { className: 'method m-' + method, text: method }),
      el('span', { className: 'path', text: path }),
      el('span', { className: 'summary', text: op.summary || '' }),
    ]));
    var body = el('div', { className: 'body' });
    if (op.operationId) body.appendChild(el('div', { className: 'mono note', text: 'operationId: ' + op.operationId }));
    if (op.description) body.appendChild(el('p', { className: 'desc', text: op.description }));
    var params = (op.parameters || []).concat(pathItem.parameters || []).map(resolve);
    if (params.length) {
      body.appendChild(el('h3', { text: 'Parameters' }));
      var table = el('table', {}, [el('tr', {}, [el('th', { text: 'Name' }), el('th', { text: 'In' }), el('th', { text: 'Type' }), el('th', { text: 'Description' })])]);
      params.forEach(function (p) {
        table.appendChild(el('tr', {}, [
          el('td', { className: 'mono', text: p.name + (p.required ? ' *' : '') }),
          el('td', { text: p.in }),
          el('td', { className: 'mono', text: typeText(p.schema || {}) }),
          el('td', { text: p.description || '' }),
        ]));
      });
      body.appendChild(table);
    }
    if (op.requestBody) {
      var rb = resolve(op.requestBody);
      Object.keys(rb.content || {}).forEach(function (type) {
        body.appendChild(el('h3', { text: 'Request body (' + type + ')' + (rb.required ? ', required' : '') }));
        body.appendChild(renderSchema(rb.content[type].schema, 0, []));
      });
    }
    body.appendChild(el('h3', { text: 'Responses' }));
    Object.keys(op.responses || {}).forEach(function (status) {
      var response = resolve(op.responses[status]);
      body.appendChild(el('div', {}, [el('strong', { text: status }), ' ', response.description || '']));
      if (response['x-eddy-deviation']) body.appendChild(el('div', { className: 'deviation', text: 'Differs from the seed: ' + response['x-eddy-deviation'] }));
      Object.keys(response.content || {}).forEach(function (type) {
        body.appendChild(renderSchema(response.content[type].schema, 0, []));
      });
    });
    body.appendChild(tryIt(path, method, op, pathItem));
    details.appendChild(body);
    return { node: details, id: id };
  }

  function render() {
    var main = document.getElementById('main');
    var nav = document.getElementById('nav');
    main.textContent = '';
    nav.textContent = '';
    document.getElementById('title').textContent = (doc.info && doc.info.title) || 'API reference';
    document.title = document.getElementById('title').textContent;
    main.appendChild(el('p', { className: 'intro', text: (doc.info && doc.info.description) || '' }));
    var byTag = {};
    var tagOrder = (doc.tags || []).map(function (tag) { return tag.name; });
    Object.keys(doc.paths || {}).forEach(function (path) {
      var item = doc.paths[path];
      METHODS.forEach(function (method) {
        if (!item[method]) return;
        var tag = (item[method].tags && item[method].tags[0]) || 'Other';
        if (tagOrder.indexOf(tag) < 0) tagOrder.push(tag);
        (byTag[tag] = byTag[tag] || []).push({ path: path, method: method, op: item[method], item: item });
      });
    });
    tagOrder.forEach(function (tagName) {
      var ops = byTag[tagName];
      if (!ops) return;
      var tagInfo = (doc.tags || []).filter(function (tag) { return tag.name === tagName; })[0] || {};
      var section = el('section', { className: 'tag' }, [el('h2', { text: tagName }), tagInfo.description ? el('p', { text: tagInfo.description }) : null]);
      nav.appendChild(el('h2', { text: tagName }));
      ops.forEach(function (entry) {
        var rendered = renderOperation(entry.path, entry.method, entry.op, entry.item);
        section.appendChild(rendered.node);
        var link = el('a', { href: '#' + rendered.id }, [el('span', { className: 'method m-' + entry.method, text: entry.method }), el('span', { className: 'path', text: entry.path })]);
        link.addEventListener('click', function () { document.getElementById(rendered.id).open = true; });
        nav.appendChild(link);
      });
      main.appendChild(section);
    });
  }

  function init() {
    var token = document.getElementById('token');
    try { token.value = sessionStorage.getItem('eddy-api-token') || ''; } catch { /* storage off */ }
    token.addEventListener('change', function () { try { sessionStorage.setItem('eddy-api-token', token.value); } catch { /* storage off */ } });
    fetch('/services/data').then(function (r) { return r.json(); }).then(function (versions) {
      var select = document.getElementById('version');
      versions.slice().reverse().forEach(function (v) { select.appendChild(el('option', { value: v.version, text: v.version + ' (' + v.label + ')' })); });
    });
    fetch('/services/data/openapi.json').then(function (r) { return r.json(); }).then(function (json) {
      doc = json;
      render();
      if (location.hash) { var target = document.getElementById(location.hash.slice(1)); if (target) { target.open = true; target.scrollIntoView(); } }
    }).catch(function (error) { document.getElementById('main').textContent = 'Could not load the OpenAPI document: ' + error.message; });
  }

  init();
})();
