//! `export publish DIR`: every link resolves to a file (so the site works from file://), the index
//! links every initiative, nothing internal is on it, and the same workspace gives the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn ok(args: &[&str], cwd: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SECRETARIAT_WORKSPACE")
        .env("SECRETARIAT_USER", "tester")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// The href values of a page.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().replace("&amp;", "&"))
        .collect()
}

#[test]
fn the_published_site_links_every_initiative_and_every_link_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo");
    ok(
        &[
            "init",
            ws.to_str().unwrap(),
            "--demo",
            "--today",
            "2026-11-26",
        ],
        dir.path(),
    );
    let w = ws.to_str().unwrap();
    // An internal comment ("Øvrige kommentarer") on one initiative, which must not be published.
    let secret = "INTERNT: ministeriet overvejer at lukke projektet";
    let first = std::fs::read_dir(ws.join("initiatives"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap();
    let mut rec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&first).unwrap()).unwrap();
    rec["comments"] = secret.into();
    std::fs::write(&first, serde_json::to_string_pretty(&rec).unwrap()).unwrap();
    let site = dir.path().join("site");
    ok(&["-w", w, "export", "publish", site.to_str().unwrap()], &ws);
    let all = files(&site);

    // Every link of every page points at a file of the site (or an anchor on the page).
    let mut links = 0;
    for (rel, bytes) in &all {
        let html = String::from_utf8(bytes.clone()).unwrap();
        assert!(!html.contains("<script"), "{rel:?}");
        for href in hrefs(&html) {
            assert!(!href.contains("://"), "{rel:?} links outside: {href}");
            let (file, anchor) = href.split_once('#').unwrap_or((&href, ""));
            if file.is_empty() {
                assert!(
                    html.contains(&format!("id=\"{anchor}\"")),
                    "{rel:?}: #{anchor}"
                );
                continue;
            }
            let target = site.join(rel).parent().unwrap().join(file);
            assert!(
                target.is_file(),
                "{rel:?} links to {href}, which is not there"
            );
            links += 1;
        }
    }
    assert!(links > 30);

    // The index links every initiative's page, and that page names it.
    let inits: serde_json::Value =
        serde_json::from_str(&ok(&["-w", w, "list", "initiatives", "--json"], &ws)).unwrap();
    let index = String::from_utf8(all[Path::new("index.html")].clone()).unwrap();
    let index_links = hrefs(&index);
    for i in inits.as_array().unwrap() {
        let id = i["id"].as_str().unwrap();
        let page = index_links
            .iter()
            .filter(|h| h.starts_with("initiativer/"))
            .find(|h| {
                let text = String::from_utf8(all[Path::new(h.as_str())].clone()).unwrap();
                text.contains(&format!("<h1>{id} "))
            });
        assert!(page.is_some(), "the index does not link initiative {id}");
    }

    // Nothing internal: no case, decision or meeting text, no internal comments on initiatives.
    let site_text: String = all
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    let cases: serde_json::Value =
        serde_json::from_str(&ok(&["-w", w, "list", "cases", "--json"], &ws)).unwrap();
    for c in cases.as_array().unwrap() {
        let title = c["title"].as_str().unwrap();
        assert!(
            !site_text.contains(title),
            "case title on the site: {title}"
        );
    }
    for i in inits.as_array().unwrap() {
        if let Some(comments) = i["comments"].as_str().filter(|c| c.len() > 20) {
            assert!(
                !site_text.contains(comments),
                "internal comment of {}",
                i["id"]
            );
        }
    }

    // Deterministic: publishing again gives the same bytes.
    let again = dir.path().join("again");
    ok(
        &["-w", w, "export", "publish", again.to_str().unwrap()],
        &ws,
    );
    assert_eq!(all, files(&again));
    // An earlier site may be published over; someone else's folder is refused.
    ok(&["-w", w, "export", "publish", site.to_str().unwrap()], &ws);
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_secretariat"))
        .args(["-w", w, "export", "publish", other.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(
        std::fs::read_to_string(other.join("notes.txt")).unwrap(),
        "mine"
    );
}
