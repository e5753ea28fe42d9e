//! Each part checked before the file is written: well-formed XML, the root the part's type
//! needs, and the child elements the Open XML schema (ECMA-376, PresentationML and
//! DrawingML) requires, in the schema's order. Then the package: every relationship's target
//! exists and every part has a content type. A fault here is a bug in the templates or the
//! code, never in the user's data, and it stops the file from being written.

use std::collections::HashSet;

use super::Part;

/// For every element with this name, these children must be present, in this order.
struct Rule {
    element: &'static str,
    children: &'static [&'static str],
    /// Attributes it must carry.
    attributes: &'static [&'static str],
}

const fn rule(element: &'static str, children: &'static [&'static str], attributes: &'static [&'static str]) -> Rule {
    Rule {
        element,
        children,
        attributes,
    }
}

/// The schema's required children and attributes of the elements we write.
const RULES: &[Rule] = &[
    rule("presentation", &["sldMasterIdLst", "sldIdLst", "sldSz", "notesSz"], &[]),
    rule("sldMasterId", &[], &["id"]),
    rule("sldId", &[], &["id"]),
    rule("sldSz", &[], &["cx", "cy"]),
    rule("notesSz", &[], &["cx", "cy"]),
    rule("sld", &["cSld"], &[]),
    rule("sldMaster", &["cSld", "clrMap"], &[]),
    rule("sldLayout", &["cSld"], &[]),
    rule("notesMaster", &["cSld", "clrMap"], &[]),
    rule("notes", &["cSld"], &[]),
    rule("cSld", &["spTree"], &[]),
    rule("spTree", &["nvGrpSpPr", "grpSpPr"], &[]),
    rule("nvGrpSpPr", &["cNvPr", "cNvGrpSpPr", "nvPr"], &[]),
    rule("cNvPr", &[], &["id", "name"]),
    rule("sp", &["nvSpPr", "spPr"], &[]),
    rule("nvSpPr", &["cNvPr", "cNvSpPr", "nvPr"], &[]),
    rule("pic", &["nvPicPr", "blipFill", "spPr"], &[]),
    rule("nvPicPr", &["cNvPr", "cNvPicPr", "nvPr"], &[]),
    rule("graphicFrame", &["nvGraphicFramePr", "xfrm", "graphic"], &[]),
    rule("nvGraphicFramePr", &["cNvPr", "cNvGraphicFramePr", "nvPr"], &[]),
    rule("graphic", &["graphicData"], &[]),
    rule("graphicData", &[], &["uri"]),
    rule("tbl", &["tblGrid", "tr"], &[]),
    rule("gridCol", &[], &["w"]),
    rule("tr", &["tc"], &["h"]),
    rule("tc", &["txBody"], &[]),
    rule("txBody", &["bodyPr", "p"], &[]),
    rule("xfrm", &["off", "ext"], &[]),
    rule("off", &[], &["x", "y"]),
    rule("ext", &[], &[]),
    rule("blip", &[], &[]),
    rule("prstGeom", &[], &["prst"]),
    rule(
        "clrMap",
        &[],
        &["bg1", "tx1", "bg2", "tx2", "accent1", "hlink", "folHlink"],
    ),
    rule("sldLayoutId", &[], &["id"]),
    rule("theme", &["themeElements"], &[]),
    rule("themeElements", &["clrScheme", "fontScheme", "fmtScheme"], &[]),
    rule(
        "clrScheme",
        &[
            "dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink",
            "folHlink",
        ],
        &["name"],
    ),
    rule("fontScheme", &["majorFont", "minorFont"], &["name"]),
    rule("majorFont", &["latin", "ea", "cs"], &[]),
    rule("minorFont", &["latin", "ea", "cs"], &[]),
    rule(
        "fmtScheme",
        &["fillStyleLst", "lnStyleLst", "effectStyleLst", "bgFillStyleLst"],
        &[],
    ),
    rule("Relationship", &[], &["Id", "Type", "Target"]),
    rule("Override", &[], &["PartName", "ContentType"]),
    rule("Default", &[], &["Extension", "ContentType"]),
];

/// The root element a part must have, by its path.
fn expected_root(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    Some(match () {
        _ if path == "[Content_Types].xml" => "Types",
        _ if path.ends_with(".rels") => "Relationships",
        _ if path == "ppt/presentation.xml" => "presentation",
        _ if path.starts_with("ppt/slides/") => "sld",
        _ if path.starts_with("ppt/slideMasters/") => "sldMaster",
        _ if path.starts_with("ppt/slideLayouts/") => "sldLayout",
        _ if path.starts_with("ppt/notesMasters/") => "notesMaster",
        _ if path.starts_with("ppt/notesSlides/") => "notes",
        _ if path.starts_with("ppt/theme/") => "theme",
        _ if name == "presProps.xml" => "presentationPr",
        _ if name == "viewProps.xml" => "viewPr",
        _ if name == "tableStyles.xml" => "tblStyleLst",
        _ if name == "core.xml" => "coreProperties",
        _ if name == "app.xml" => "Properties",
        _ => return None,
    })
}

/// Checks one XML part; the error names the part and what is missing.
pub fn check_part(path: &str, text: &str) -> Result<(), String> {
    let doc = roxmltree::Document::parse(text).map_err(|e| format!("{path}: not well-formed XML: {e}"))?;
    let root = doc.root_element();
    if let Some(expected) = expected_root(path)
        && root.tag_name().name() != expected
    {
        return Err(format!(
            "{path}: root is <{}>, not <{expected}>",
            root.tag_name().name()
        ));
    }
    for node in root.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        for rule in RULES.iter().filter(|r| r.element == name) {
            let mut children = node.children().filter(|c| c.is_element()).map(|c| c.tag_name().name());
            for required in rule.children {
                if !children.any(|c| c == *required) {
                    return Err(format!("{path}: <{name}> lacks <{required}> (or has it out of order)"));
                }
            }
            for attribute in rule.attributes {
                if node.attribute(*attribute).is_none() {
                    return Err(format!("{path}: <{name}> lacks the attribute {attribute}"));
                }
            }
        }
    }
    // The theme's style lists need three entries each.
    for list in ["fillStyleLst", "lnStyleLst", "effectStyleLst", "bgFillStyleLst"] {
        for node in root.descendants().filter(|n| n.tag_name().name() == list) {
            if node.children().filter(|c| c.is_element()).count() < 3 {
                return Err(format!("{path}: <{list}> needs three styles"));
            }
        }
    }
    Ok(())
}

/// The folder a relationships part's targets are relative to: "ppt/slides/" for
/// "ppt/slides/_rels/slide1.xml.rels", "" for "_rels/.rels".
fn base_of(rels_path: &str) -> String {
    let folder = rels_path.strip_suffix(".rels").unwrap_or(rels_path);
    let folder = folder.rsplit_once('/').map_or("", |(f, _)| f);
    let folder = folder.strip_suffix("_rels").unwrap_or(folder);
    folder.to_string()
}

/// "ppt/slides/" + "../media/chart1.png" → "ppt/media/chart1.png".
pub fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Every relationship's target is a part, every part has a content type, and every
/// override names a part.
pub fn check_package(parts: &[Part]) -> Result<(), String> {
    let names: HashSet<&str> = parts.iter().map(|p| p.path.as_str()).collect();
    let types = parts
        .iter()
        .find(|p| p.path == "[Content_Types].xml")
        .ok_or("[Content_Types].xml is missing")?;
    let types = std::str::from_utf8(&types.bytes).map_err(|e| e.to_string())?;
    let doc = roxmltree::Document::parse(types).map_err(|e| e.to_string())?;
    let defaults: HashSet<&str> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name((
                "http://schemas.openxmlformats.org/package/2006/content-types",
                "Default",
            ))
        })
        .filter_map(|n| n.attribute("Extension"))
        .collect();
    let overrides: HashSet<String> = doc
        .descendants()
        .filter_map(|n| n.attribute("PartName"))
        .map(|name| name.trim_start_matches('/').to_string())
        .collect();
    for name in &overrides {
        if !names.contains(name.as_str()) {
            return Err(format!("[Content_Types].xml names {name}, which is not in the file"));
        }
    }
    for part in parts.iter().filter(|p| p.path != "[Content_Types].xml") {
        let extension = part.path.rsplit('.').next().unwrap_or("");
        if !overrides.contains(&part.path) && !defaults.contains(extension) {
            return Err(format!("{} has no content type", part.path));
        }
        if part.path.ends_with(".rels") {
            let text = std::str::from_utf8(&part.bytes).map_err(|e| e.to_string())?;
            let rels = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
            let base = base_of(&part.path);
            for target in rels.descendants().filter_map(|n| n.attribute("Target")) {
                let resolved = resolve(&base, target);
                if !names.contains(resolved.as_str()) {
                    return Err(format!("{} points to {resolved}, which is not in the file", part.path));
                }
            }
        }
    }
    Ok(())
}
