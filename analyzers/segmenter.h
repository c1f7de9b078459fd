// Splitting a paper into items.
//
// Minutes and agendas are split into their numbered items ("27 Children's
// Services Transformation Programme", "SPCLL.27 ...", "286. Apologies for
// Absence", "Item 1" / "Introductory Remarks"); the numbers must run in
// sequence, so numbered paragraphs and lists inside an item do not split it.
// A public document pack is first split into its parts (the agenda front
// sheet, the minutes of the previous meeting, each report and appendix, found
// by their cover sheets: a committee and date heading over a title, "Subject:",
// "Report Title", "Item Name:"), and minutes parts are then split into items.
// Reports stay whole: their numbered paragraphs are not items.
//
// Boilerplate ("This page is intentionally left blank", page numbers, running
// headers and footers repeated on many pages, web chrome) never starts an item
// and is left out of the items' text.
//
// Each item keeps its number and heading, its offset and page in the paper,
// its lettered points ("a)" ... "gg)") and its decisions ("Resolved:",
// "RESOLVED -", "Recommendation(s):" and what follows).
#pragma once

#include <string_view>
#include <vector>

#include "analyzers/paper.h"

namespace councilsearch {

// `document_type` is the paper's type as known (from metadata or the text),
// or empty.
std::vector<Item> SegmentItems(const SourceText& source, std::string_view document_type);

// True for lines that are boilerplate wherever they appear ("This page is
// intentionally left blank", "Page 12", "Skip to main content").
bool IsBoilerplateLine(std::string_view line);

}  // namespace councilsearch
