import Crypto

/// The dashboard's stylesheet, served as a file (`style-src 'self'`), written by hand: no build step.
///
/// Colours keep WCAG 2.2 AA contrast (4.5:1 for text, 3:1 for controls and focus rings); every focusable element
/// shows a visible focus ring; motion is reduced when the person asks for it.
enum DashboardStylesheet {
    static let source = #"""
        :root {
          --bg: #f5f6f8; --surface: #ffffff; --border: #e2e5ea; --border-strong: #c9ced6;
          --text: #111827; --muted: #4b5563; --faint: #6b7280;
          --primary: #1d4ed8; --primary-hover: #1e40af; --primary-soft: #eff4ff;
          --danger: #b42318; --danger-hover: #912018; --danger-soft: #fef3f2;
          --positive: #067647; --positive-soft: #ecfdf3; --warning: #93370d; --warning-soft: #fffaeb;
          --info: #1849a9; --info-soft: #eff8ff; --neutral: #344054; --neutral-soft: #f2f4f7;
          --sidebar: #0f172a; --sidebar-text: #e2e8f0; --sidebar-muted: #a3b1c6; --sidebar-active: #1e293b;
          --focus: #2563eb; --radius: 10px; --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 1px 3px rgba(16, 24, 40, .08);
          --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
        }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--bg); color: var(--text);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", sans-serif;
        }
        a { color: var(--primary); text-decoration-thickness: 1px; text-underline-offset: 2px; }
        a:hover { color: var(--primary-hover); }
        code, .mono, pre { font-family: var(--mono); font-size: .86em; }
        code { background: var(--neutral-soft); border-radius: 4px; padding: .1em .35em; }
        h1, h2, h3 { line-height: 1.25; margin: 0; }
        p { margin: 0 0 .75rem; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
        .visually-hidden {
          position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
          white-space: nowrap; margin: -1px; padding: 0; border: 0;
        }
        .skip-link {
          position: absolute; left: 1rem; top: -3rem; z-index: 100; background: var(--surface); color: var(--primary);
          padding: .5rem 1rem; border-radius: 6px; box-shadow: var(--shadow);
        }
        .skip-link:focus { top: 1rem; }
        .muted { color: var(--muted); }
        .sub { display: block; color: var(--muted); font-size: .85rem; font-weight: 400; }
        .icon { flex: none; vertical-align: middle; }

        /* Shell */
        .shell { display: grid; grid-template-columns: 252px minmax(0, 1fr); min-height: 100vh; }
        .sidebar { background: var(--sidebar); color: var(--sidebar-text); }
        .sidebar-inner {
          position: sticky; top: 0; height: 100vh; padding: 1.25rem 1rem; display: flex; flex-direction: column;
          gap: 1.5rem;
        }
        .brand, .bare-brand { display: flex; align-items: center; gap: .6rem; font-weight: 650; font-size: 1.05rem; }
        .brand { padding: .25rem .5rem; }
        .brand-mark {
          display: inline-flex; align-items: center; justify-content: center; width: 30px; height: 30px;
          border-radius: 8px; background: var(--primary); color: #fff;
        }
        .nav-heading {
          color: var(--sidebar-muted); font-size: .75rem; font-weight: 600; letter-spacing: .06em;
          text-transform: uppercase; margin: 0 .5rem .5rem;
        }
        .nav-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
        .nav-list a {
          display: flex; align-items: center; gap: .65rem; padding: .5rem .6rem; border-radius: 8px;
          color: var(--sidebar-text); text-decoration: none; font-weight: 500;
        }
        .nav-list a:hover { background: var(--sidebar-active); color: #fff; }
        .nav-list a[aria-current="page"] {
          background: var(--sidebar-active); color: #fff; box-shadow: inset 3px 0 0 #60a5fa;
        }
        .sidebar :focus-visible { outline-color: #93c5fd; }
        .account { margin-top: auto; border-top: 1px solid #233047; padding: 1rem .5rem 0; }
        .account-name { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
        .account-role { margin: 0 0 .75rem; color: var(--sidebar-muted); font-size: .85rem; }
        .account .button-quiet { color: var(--sidebar-text); border-color: #334155; }
        .account .button-quiet:hover { background: var(--sidebar-active); color: #fff; }
        .main { padding: 1.75rem 2.5rem 3rem; max-width: 1240px; width: 100%; }
        .main:focus { outline: none; }

        /* Page header */
        .breadcrumbs ol {
          list-style: none; display: flex; flex-wrap: wrap; gap: .4rem; margin: 0 0 .75rem; padding: 0;
          font-size: .875rem;
        }
        .breadcrumbs li + li::before { content: "/"; color: var(--faint); margin-right: .4rem; }
        .breadcrumbs a { color: var(--muted); }
        .page-header {
          display: flex; align-items: flex-start; justify-content: space-between; gap: 1rem; margin-bottom: 1.5rem;
        }
        .page-title { font-size: 1.6rem; font-weight: 650; letter-spacing: -.01em; margin-bottom: .35rem; }
        .page-lead { color: var(--muted); margin: 0; max-width: 70ch; }
        .title-row { display: flex; align-items: center; flex-wrap: wrap; gap: .75rem; margin-bottom: .35rem; }
        .title-row .page-title { margin: 0; }
        .header-actions { display: flex; align-items: center; gap: .5rem; flex: none; }
        .badges { display: inline-flex; gap: .4rem; flex-wrap: wrap; }

        /* Cards and layout */
        .card {
          background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius);
          box-shadow: var(--shadow); padding: 1.25rem 1.5rem; margin-bottom: 1.25rem;
        }
        .card-flush { padding: 0; overflow: hidden; }
        .card-header {
          display: flex; align-items: center; justify-content: space-between; gap: 1rem; margin-bottom: 1rem;
        }
        .card-title { font-size: 1.05rem; font-weight: 620; }
        .card-lead { color: var(--muted); font-size: .925rem; }
        .card-link { font-size: .875rem; font-weight: 500; }
        .grid { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 1.25rem; align-items: start; }
        .grid .card { margin-bottom: 1.25rem; }
        .stack > * + * { margin-top: 1rem; }
        .section-title { font-size: 1rem; margin: 1.5rem 0 .5rem; }
        .subsection-title { font-size: .95rem; font-weight: 600; margin: 1rem 0 .5rem; }
        .details { display: grid; grid-template-columns: 1fr; margin: 0 0 1rem; }
        .detail {
          display: grid; grid-template-columns: 200px minmax(0, 1fr); gap: 1rem; padding: .55rem 0;
          border-bottom: 1px solid var(--border);
        }
        .detail:last-child { border-bottom: 0; }
        .detail dt { color: var(--muted); font-weight: 500; }
        .detail dd { margin: 0; overflow-wrap: anywhere; }

        /* Tables */
        .table-scroll { overflow-x: auto; }
        .table { width: 100%; border-collapse: collapse; font-size: .925rem; }
        .table th, .table td {
          text-align: left; padding: .7rem 1rem; border-bottom: 1px solid var(--border); vertical-align: top;
        }
        .table thead th {
          background: #f9fafb; color: var(--muted); font-size: .75rem; font-weight: 600; letter-spacing: .04em;
          text-transform: uppercase; white-space: nowrap;
        }
        .table tbody tr:last-child th, .table tbody tr:last-child td { border-bottom: 0; }
        .table tbody tr:hover { background: #fafbfc; }
        .table tbody th { font-weight: 500; }
        .card > .table, .card > .table-scroll { margin: 0 -1.5rem; width: calc(100% + 3rem); }
        .card-flush > .table, .card-flush > .table-scroll, .table-scroll > .table { margin: 0; width: 100%; }
        .table td.mono { overflow-wrap: anywhere; min-width: 8rem; }
        .card > .table th:first-child, .card > .table td:first-child, .card > .table-scroll th:first-child,
        .card > .table-scroll td:first-child { padding-left: 1.5rem; }
        .card > .table th:last-child, .card > .table td:last-child, .card > .table-scroll th:last-child,
        .card > .table-scroll td:last-child { padding-right: 1.5rem; }
        .table td.numeric, .table th.numeric { text-align: right; font-variant-numeric: tabular-nums; }
        .cell-action { text-align: right; width: 1%; white-space: nowrap; }
        .person a { font-weight: 550; }
        .stacked { display: inline-block; }
        .chips { display: inline-flex; flex-wrap: wrap; gap: .3rem; align-items: center; }
        .chip {
          background: var(--neutral-soft); border: 1px solid var(--border); border-radius: 6px; padding: 0 .45rem;
          font-size: .825rem;
        }
        .grants { list-style: none; margin: 0; padding: 0; display: grid; gap: .3rem; }
        .grants li { display: flex; align-items: baseline; gap: .5rem; flex-wrap: wrap; }
        .grants .sub { display: inline; }
        .log-head, .log-entry summary {
          display: grid; grid-template-columns: 180px minmax(0, 1fr) 70px 120px minmax(0, 200px) 80px; gap: 1rem;
          align-items: center; padding: .65rem 1rem .65rem 2.25rem;
        }
        .log-head {
          background: #f9fafb; color: var(--muted); font-size: .75rem; font-weight: 600; letter-spacing: .04em;
          text-transform: uppercase; border-bottom: 1px solid var(--border);
        }
        .log { list-style: none; margin: 0; padding: 0; }
        .log > li + li { border-top: 1px solid var(--border); }
        .log-entry summary { cursor: pointer; list-style: none; position: relative; font-size: .925rem; }
        .log-entry summary::-webkit-details-marker { display: none; }
        .log-entry summary::before {
          content: ""; position: absolute; left: 1rem; top: 50%; width: 7px; height: 7px; margin-top: -5px;
          border-right: 2px solid var(--faint); border-bottom: 2px solid var(--faint); transform: rotate(-45deg);
          transition: transform .15s;
        }
        .log-entry[open] summary::before { transform: rotate(45deg); }
        .log-entry summary:hover { background: #fafbfc; }
        .log-time { white-space: nowrap; }
        .log-request { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .log-bodies {
          display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 1rem;
          padding: 0 1rem 1rem 2.25rem;
        }
        .log-bodies .subsection-title { margin-top: .25rem; }
        .log-bodies .sub { grid-column: 1 / -1; }
        .numeric { text-align: right; font-variant-numeric: tabular-nums; }
        pre {
          background: #0f172a; color: #e2e8f0; border-radius: 8px; padding: .75rem 1rem; overflow: auto;
          max-height: 22rem; margin: 0 0 .5rem; line-height: 1.45;
        }

        /* Badges */
        .badge {
          display: inline-flex; align-items: center; border-radius: 999px; padding: .1rem .6rem; font-size: .78rem;
          font-weight: 600; border: 1px solid transparent; white-space: nowrap;
        }
        .badge-positive { background: var(--positive-soft); color: var(--positive); border-color: #abefc6; }
        .badge-negative { background: var(--danger-soft); color: var(--danger); border-color: #fecdca; }
        .badge-neutral { background: var(--neutral-soft); color: var(--neutral); border-color: var(--border); }
        .badge-info { background: var(--info-soft); color: var(--info); border-color: #b2ddff; }
        .badge-warning { background: var(--warning-soft); color: var(--warning); border-color: #fedf89; }

        /* Buttons */
        .button {
          display: inline-flex; align-items: center; justify-content: center; gap: .45rem; min-height: 38px;
          padding: .45rem .95rem; border-radius: 8px; border: 1px solid transparent; font: inherit; font-weight: 550;
          font-size: .925rem; cursor: pointer; text-decoration: none; white-space: nowrap; line-height: 1.2;
        }
        .button-primary { background: var(--primary); color: #fff; }
        .button-primary:hover { background: var(--primary-hover); color: #fff; }
        .button-secondary {
          background: var(--surface); color: var(--text); border-color: var(--border-strong);
          box-shadow: 0 1px 2px rgba(16, 24, 40, .05);
        }
        .button-secondary:hover { background: #f9fafb; color: var(--text); }
        .button-quiet { background: transparent; color: var(--muted); border-color: var(--border); }
        .button-quiet:hover { background: var(--neutral-soft); color: var(--text); }
        .button-danger { background: var(--danger); color: #fff; }
        .button-danger:hover { background: var(--danger-hover); color: #fff; }
        .button-danger-quiet { background: transparent; color: var(--danger); border-color: #fecdca; }
        .button-danger-quiet:hover { background: var(--danger-soft); }
        .button-small { min-height: 30px; padding: .25rem .65rem; font-size: .85rem; }
        .button.is-copied { color: var(--positive); border-color: #abefc6; background: var(--positive-soft); }
        .icon-button {
          display: inline-flex; align-items: center; justify-content: center; width: 38px; height: 38px;
          border-radius: 8px; border: 1px solid var(--border-strong); background: var(--surface); color: var(--text);
        }
        .icon-button:hover { background: #f9fafb; color: var(--primary); }
        .actions, .dialog-actions {
          display: flex; justify-content: flex-end; gap: .6rem; margin-top: 1.25rem; flex-wrap: wrap;
        }
        .action-list { list-style: none; margin: 0; padding: 0; display: grid; gap: .25rem; }
        .action-list a {
          display: flex; align-items: center; gap: .65rem; padding: .55rem .65rem; border-radius: 8px;
          color: var(--text); text-decoration: none; font-weight: 500; border: 1px solid transparent;
        }
        .action-list a:hover { background: var(--primary-soft); color: var(--primary); border-color: #d1e0ff; }
        .action-list .icon { color: var(--primary); }
        .recent-list { list-style: none; margin: 0; padding: 0; }
        .recent-list li {
          display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: .1rem .5rem; padding: .5rem 0;
          border-bottom: 1px solid var(--border); font-size: .875rem;
        }
        .recent-list li:last-child { border-bottom: 0; }
        .recent-list .mono { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .recent-list .sub { grid-column: 1 / -1; font-size: .8rem; }

        /* Forms */
        .form-card { max-width: 760px; }
        .field { margin: 0 0 1.1rem; border: 0; padding: 0; min-width: 0; }
        fieldset.field { margin-bottom: 1.25rem; }
        label, legend { display: block; font-weight: 550; margin-bottom: .35rem; font-size: .925rem; }
        legend { padding: 0; }
        .hint { color: var(--muted); font-size: .85rem; margin: .35rem 0 0; }
        input[type="text"], input[type="url"], input[type="password"], input[type="search"], input:not([type]), select {
          width: 100%; min-height: 40px; padding: .5rem .7rem; border: 1px solid var(--border-strong);
          border-radius: 8px;
          background: var(--surface); color: var(--text); font: inherit;
        }
        input[readonly] { background: #f9fafb; }
        input:focus-visible, select:focus-visible { outline-offset: 0; border-color: var(--focus); }
        .choices { display: grid; gap: .5rem; }
        .choice { display: flex; gap: .6rem; align-items: flex-start; font-weight: 500; margin: 0; cursor: pointer; }
        .choice input { margin-top: .25rem; width: 1.05rem; height: 1.05rem; accent-color: var(--primary); }
        .field-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 0 1rem; }
        .copy-row { display: flex; gap: .5rem; }
        .copy-row input { flex: 1; font-family: var(--mono); font-size: .85rem; }
        .rule-form { border-top: 1px solid var(--border); margin-top: 1rem; padding-top: .25rem; }
        .rule-fields {
          display: grid; grid-template-columns: 150px repeat(3, minmax(0, 1fr)) auto; gap: .75rem; align-items: end;
        }
        .rule-fields .field { margin: 0; }
        .search { margin-bottom: 1.25rem; max-width: 640px; }
        .search-row { display: flex; gap: .5rem; }
        .pager { display: flex; gap: .5rem; justify-content: flex-end; margin-top: 1rem; }

        /* Banners, callouts, empty states */
        .banner {
          display: flex; gap: .6rem; align-items: flex-start; border-radius: 8px; padding: .75rem 1rem;
          margin: 0 0 1.25rem; border: 1px solid;
        }
        .banner-positive { background: var(--positive-soft); color: var(--positive); border-color: #abefc6; }
        .banner-negative { background: var(--danger-soft); color: var(--danger); border-color: #fecdca; }
        .callout {
          display: flex; gap: .75rem; align-items: flex-start; border-radius: 8px; padding: .85rem 1rem;
          margin: 1rem 0 0; border: 1px solid;
        }
        .callout p { margin: 0 0 .5rem; }
        .callout p:last-child { margin: 0; }
        .callout-warning { background: var(--warning-soft); color: var(--warning); border-color: #fedf89; }
        .callout-info { background: var(--info-soft); color: var(--info); border-color: #b2ddff; }
        .empty { text-align: center; padding: 2rem 1rem; color: var(--muted); }
        .empty-title { font-weight: 600; color: var(--text); margin-bottom: .25rem; }
        .card-flush .empty { padding: 2.5rem 1rem; }

        /* Switch */
        .toggle-row {
          display: flex; align-items: flex-start; justify-content: space-between; gap: 1.25rem; padding: 1rem;
          border: 1px solid var(--border); border-radius: 8px; background: #fcfcfd;
        }
        .toggle-label { font-size: 1rem; font-weight: 600; margin: 0 0 .25rem; }
        .toggle-row .hint { margin: 0; }
        input.switch {
          appearance: none; -webkit-appearance: none; flex: none; position: relative; width: 46px; height: 26px;
          margin: .1rem 0 0; border-radius: 999px; background: #98a2b3; cursor: pointer; transition: background .15s;
        }
        input.switch::before {
          content: ""; position: absolute; top: 3px; left: 3px; width: 20px; height: 20px; border-radius: 50%;
          background: #fff; box-shadow: 0 1px 2px rgba(16, 24, 40, .3); transition: transform .15s;
        }
        input.switch:checked { background: var(--primary); }
        input.switch:checked::before { transform: translateX(20px); }

        /* Dialog */
        .backdrop {
          position: fixed; inset: 0; background: rgba(15, 23, 42, .55); display: flex; align-items: center;
          justify-content: center; padding: 1.5rem; z-index: 50; overflow-y: auto;
        }
        .dialog {
          background: var(--surface); border-radius: 14px; width: min(660px, 100%); padding: 1.5rem 1.75rem;
          box-shadow: 0 20px 24px -4px rgba(16, 24, 40, .12), 0 8px 8px -4px rgba(16, 24, 40, .06);
        }
        .dialog-header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
        .dialog-title { font-size: 1.25rem; font-weight: 650; margin-bottom: .35rem; }
        .dialog-title:focus { outline: none; }
        .dialog-lead { color: var(--muted); margin-bottom: 1.25rem; }
        .dialog-icon {
          display: inline-flex; align-items: center; justify-content: center; width: 44px; height: 44px;
          border-radius: 50%; margin-bottom: .75rem;
        }
        .dialog-icon-positive {
          background: var(--positive-soft); color: var(--positive); box-shadow: 0 0 0 6px #f6fef9;
        }
        .dialog-icon-warning { background: var(--warning-soft); color: var(--warning); box-shadow: 0 0 0 6px #fffcf5; }

        /* Sign-in */
        .bare { max-width: 560px; margin: 0 auto; padding: 3.5rem 1.25rem; }
        .bare:focus { outline: none; }
        .bare-brand { justify-content: center; margin-bottom: 1.5rem; font-size: 1.15rem; }
        .sign-in { padding: 2rem; }
        .sign-in h1 { font-size: 1.4rem; margin-bottom: 1rem; }

        @media (max-width: 1080px) {
          .grid { grid-template-columns: 1fr; }
          .rule-fields { grid-template-columns: 1fr 1fr; }
        }
        @media (max-width: 760px) {
          .shell { grid-template-columns: 1fr; }
          .sidebar-inner { position: static; height: auto; }
          .main { padding: 1.25rem; }
          .detail { grid-template-columns: 1fr; gap: .1rem; }
          .page-header { flex-direction: column; }
        }
        @media (prefers-reduced-motion: reduce) { * { transition: none !important; } }

        """#

    static let bytes = Array(source.utf8)

    /// A strong validator of the file's bytes (RFC 9110 §8.8.3).
    static let etag = "\"" + Encoding.hex(Array(Digest.sha256(bytes).prefix(12))) + "\""
}
