#include "searchd/term_ranking.h"

#include <cmath>

namespace councilsearch {

// BM25Weight::init with no relevance set and a factor of 1, step by step as
// Xapian takes it, so that the weights come out identical.
Bm25Term::Bm25Term(const Xapian::Database& db, const std::string& term, Xapian::termcount wqf) {
  const Xapian::doccount collection_size = db.get_doccount();
  const Xapian::doccount tf = db.get_termfreq(term);
  double tw = (collection_size - tf + 0.5) / (tf + 0.5);
  // Xapian's adjustment for a term in more than a third of the documents.
  if (tw < 2) tw = tw * 0.5 + 1;
  termweight_ = std::log(tw) * 1.0;
  const double wqf_double = wqf;
  termweight_ *= (kK3 + 1) * wqf_double / (kK3 + wqf_double);
  termweight_ *= (kK1 + 1);
  // Weight::Internal::get_average_length: total length / documents.
  len_factor_ = db.get_avlength();
  if (len_factor_ != 0) len_factor_ = 1 / len_factor_;
}

}  // namespace councilsearch
