#include "searchd/term_ranking.h"

#include <cmath>
#include <map>
#include <memory>

#include "searchd/term_frequency.h"

namespace councilsearch {

// BM25Weight::init with no relevance set and a factor of 1, step by step as
// Xapian takes it, so that the weights come out identical.
Bm25Term::Bm25Term(const Xapian::Database& db, const std::string& term, Xapian::termcount wqf) {
  const Xapian::doccount collection_size = db.get_doccount();
  const Xapian::doccount tf = TermFrequency(db, term);
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

namespace {

using ToCombined = std::function<Xapian::docid(Xapian::docid)>;

// A node of the walk: the documents of a term, or of an AND or OR of nodes,
// in docid order within one database part (ids mapped to combined ones for
// the lengths and the caller).
class Node {
 public:
  virtual ~Node() = default;
  bool at_end() const { return at_end_; }
  Xapian::docid docid() const { return docid_; }  // local to the part
  virtual void Next() = 0;
  virtual void SkipTo(Xapian::docid target) = 0;  // to the first document >= target
  virtual double Weight() const = 0;              // of the current document
  virtual Xapian::doccount Estimate() const = 0;  // how many documents, about

 protected:
  bool at_end_ = false;
  Xapian::docid docid_ = 0;
};

// A term's documents; weightless (a filter) when `bm25` is null.
class TermNode final : public Node {
 public:
  TermNode(const Xapian::Database& part, const std::string& term, const Bm25Term* bm25,
           std::span<const uint32_t> lengths, const ToCombined& combined)
      : p_(part.postlist_begin(term)),
        end_(part.postlist_end(term)),
        frequency_(term.empty() ? part.get_doccount() : TermFrequency(part, term)),
        bm25_(bm25),
        lengths_(lengths),
        combined_(combined) {
    Settle();
  }
  void Next() override {
    ++p_;
    Settle();
  }
  void SkipTo(Xapian::docid target) override {
    if (target <= docid_) return;
    p_.skip_to(target);
    Settle();
  }
  double Weight() const override {
    if (bm25_ == nullptr) return 0;
    const Xapian::docid id = combined_(docid_);
    return bm25_->Weight(p_.get_wdf(), id < lengths_.size() ? lengths_[id] : 0);
  }
  Xapian::doccount Estimate() const override { return frequency_; }

 private:
  void Settle() {
    at_end_ = p_ == end_;
    docid_ = at_end_ ? 0 : *p_;
  }
  Xapian::PostingIterator p_, end_;
  Xapian::doccount frequency_;
  const Bm25Term* bm25_;
  std::span<const uint32_t> lengths_;
  const ToCombined& combined_;
};

// Every child matches; the weight is their sum. Children rarest first, as
// Xapian orders them, so the walk skips forward from the rarest list.
class AndNode final : public Node {
 public:
  explicit AndNode(std::vector<std::unique_ptr<Node>> kids) : kids_(std::move(kids)) {
    std::stable_sort(kids_.begin(), kids_.end(), [](const auto& a, const auto& b) { return a->Estimate() < b->Estimate(); });
    Align();
  }
  void Next() override {
    kids_[0]->Next();
    Align();
  }
  void SkipTo(Xapian::docid target) override {
    if (target <= docid_) return;
    kids_[0]->SkipTo(target);
    Align();
  }
  double Weight() const override {
    double w = 0;
    for (const auto& k : kids_) w += k->Weight();
    return w;
  }
  Xapian::doccount Estimate() const override { return kids_[0]->Estimate(); }

 private:
  // Moves every child to the first document they all have from the first child's.
  void Align() {
    while (!kids_[0]->at_end()) {
      const Xapian::docid candidate = kids_[0]->docid();
      bool all = true;
      for (size_t i = 1; i < kids_.size(); ++i) {
        kids_[i]->SkipTo(candidate);
        if (kids_[i]->at_end()) {
          at_end_ = true;
          return;
        }
        if (kids_[i]->docid() != candidate) {
          kids_[0]->SkipTo(kids_[i]->docid());
          all = false;
          break;
        }
      }
      if (all) {
        docid_ = candidate;
        return;
      }
    }
    at_end_ = true;
  }
  std::vector<std::unique_ptr<Node>> kids_;
};

// Any child matches; the weight is the sum of those that do.
class OrNode final : public Node {
 public:
  explicit OrNode(std::vector<std::unique_ptr<Node>> kids) : kids_(std::move(kids)) { Settle(); }
  void Next() override {
    for (auto& k : kids_)
      if (!k->at_end() && k->docid() == docid_) k->Next();
    Settle();
  }
  void SkipTo(Xapian::docid target) override {
    if (target <= docid_) return;
    for (auto& k : kids_) k->SkipTo(target);
    Settle();
  }
  double Weight() const override {
    double w = 0;
    for (const auto& k : kids_)
      if (!k->at_end() && k->docid() == docid_) w += k->Weight();
    return w;
  }
  Xapian::doccount Estimate() const override {
    Xapian::doccount n = 0;
    for (const auto& k : kids_) n += k->Estimate();
    return n;
  }

 private:
  void Settle() {
    Xapian::docid lowest = 0;
    for (const auto& k : kids_)
      if (!k->at_end() && (lowest == 0 || k->docid() < lowest)) lowest = k->docid();
    at_end_ = lowest == 0;
    docid_ = lowest;
  }
  std::vector<std::unique_ptr<Node>> kids_;
};

// The documents of the left child that the right one lacks; the left's weight.
class AndNotNode final : public Node {
 public:
  AndNotNode(std::unique_ptr<Node> left, std::unique_ptr<Node> right) : left_(std::move(left)), right_(std::move(right)) {
    Settle();
  }
  void Next() override {
    left_->Next();
    Settle();
  }
  void SkipTo(Xapian::docid target) override {
    if (target <= docid_) return;
    left_->SkipTo(target);
    Settle();
  }
  double Weight() const override { return left_->Weight(); }
  Xapian::doccount Estimate() const override { return left_->Estimate(); }

 private:
  void Settle() {
    for (; !left_->at_end(); left_->Next()) {
      right_->SkipTo(left_->docid());
      if (right_->at_end() || right_->docid() != left_->docid()) {
        docid_ = left_->docid();
        return;
      }
    }
    at_end_ = true;
    docid_ = 0;
  }
  std::unique_ptr<Node> left_, right_;
};

// A weightless subquery's documents from a bitset (MatchSet): filters of
// many terms (amount ranges OR thousands), XOR and the rest.
class SetNode final : public Node {
 public:
  explicit SetNode(MatchSet set) : set_(std::move(set)), count_(static_cast<Xapian::doccount>(set_.Count())) {
    Settle(set_.NextFrom(1));
  }
  void Next() override { Settle(set_.NextFrom(docid_ + 1)); }
  void SkipTo(Xapian::docid target) override {
    if (target > docid_ && !at_end_) Settle(set_.NextFrom(target));
  }
  double Weight() const override { return 0; }
  Xapian::doccount Estimate() const override { return count_; }

 private:
  void Settle(Xapian::docid next) {
    docid_ = next;
    at_end_ = next == 0;
  }
  MatchSet set_;
  Xapian::doccount count_;
};

// Whether an OP_SCALE_WEIGHT scales by 0: how the query parser makes a
// query of filters alone, and how ours makes date and amount ranges
// weightless. Xapian 1.4 has no accessor for the factor; its description
// starts with it.
bool ScalesToZero(const Xapian::Query& q) { return q.get_description().rfind("Query(0 * ", 0) == 0; }

// The weighted terms of a query and their wqfs: terms under AND and OR,
// the left side of FILTER and AND_NOT (whose other sides, and whatever is
// scaled by 0, are filters: any query MatchSet evaluates), and the words of
// a phrase ORed with something (`in_or`). False for any other shape, or a
// weighted term met twice (Xapian's statistics would then differ: left to
// it). A phrase elsewhere stays with the matcher, which drives an AND by its
// rarest side and checks few positions; under an OR it must weigh every
// match of the other side, which the walk does faster (measured: `"special
// guardianship" OR adoption`-like queries 2-3 x faster, a phrase ANDed with
// a rare word 5 x slower, the phrase's document set read through the
// matcher each time). With that set kept (`walk_phrase`), the walk skips
// along it as the matcher would along its rarest side.
bool CollectTerms(const Xapian::Query& q, std::map<std::string, Xapian::termcount>& wqfs, const PhraseRule& walk_phrase,
                  bool in_or = false) {
  const size_t n = q.get_num_subqueries();
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return wqfs.emplace(LeafTerm(q), q.get_length()).second;  // a term's length is its wqf
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
      for (size_t i = 0; i < n; ++i)
        if (!CollectTerms(q.get_subquery(i), wqfs, walk_phrase, in_or || (q.get_type() == Xapian::Query::OP_OR && n > 1)))
          return false;
      return n > 0;
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_AND_NOT:
      if (n == 0 || !CollectTerms(q.get_subquery(0), wqfs, walk_phrase, in_or)) return false;
      for (size_t i = 1; i < n; ++i)
        if (!MatchSet::Supports(q.get_subquery(i))) return false;
      return true;
    case Xapian::Query::OP_SCALE_WEIGHT:
      return ScalesToZero(q) && MatchSet::Supports(q.get_subquery(0));
    case Xapian::Query::OP_PHRASE:  // weighted as the AND of its words (Xapian's phrase weight)
      if (!in_or && (walk_phrase == nullptr || !walk_phrase(q))) return false;
      for (size_t i = 0; i < n; ++i)
        if (q.get_subquery(i).get_type() != Xapian::Query::LEAF_TERM || !CollectTerms(q.get_subquery(i), wqfs, nullptr))
          return false;
      return n > 0;
    default:
      return false;
  }
}

// The walk of a weightless subquery (Supports()ed) over one part: terms and
// ANDs of them skip along their posting lists; a few terms ORed are merged
// as they go; anything else is evaluated into a bitset first (or found kept
// in `cache`: an amount or date range ORs hundreds of short lists).
std::unique_ptr<Node> BuildFilter(const Xapian::Query& q, const Xapian::Database& part, const ToCombined& combined,
                                  MatchCache* cache) {
  constexpr size_t kMergedTerms = 8;
  const size_t n = q.get_num_subqueries();
  std::vector<std::unique_ptr<Node>> kids;
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL:
      return std::make_unique<TermNode>(part, LeafTerm(q), nullptr, std::span<const uint32_t>(), combined);
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_AND_MAYBE:  // the optional side only ranks
      return BuildFilter(q.get_subquery(0), part, combined, cache);
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      for (size_t i = 0; i < n; ++i) kids.push_back(BuildFilter(q.get_subquery(i), part, combined, cache));
      if (!kids.empty()) return std::make_unique<AndNode>(std::move(kids));
      break;
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: {
      bool terms = n > 0 && n <= kMergedTerms;
      for (size_t i = 0; terms && i < n; ++i) terms = IsLeafTerm(q.get_subquery(i));
      if (!terms) break;
      for (size_t i = 0; i < n; ++i) kids.push_back(BuildFilter(q.get_subquery(i), part, combined, cache));
      return std::make_unique<OrNode>(std::move(kids));
    }
    case Xapian::Query::OP_AND_NOT:
      if (n == 2)
        return std::make_unique<AndNotNode>(BuildFilter(q.get_subquery(0), part, combined, cache),
                                            BuildFilter(q.get_subquery(1), part, combined, cache));
      break;
    default:
      break;
  }
  return std::make_unique<SetNode>(MatchSet::InDatabase(part, q, cache));
}

// The walk of a CollectTerms()ed query over one part (`cache`, optional,
// keeps phrases' document sets).
std::unique_ptr<Node> Build(const Xapian::Query& q, const Xapian::Database& part,
                            const std::map<std::string, Bm25Term>& weights, std::span<const uint32_t> lengths,
                            const ToCombined& combined, MatchCache* cache) {
  const size_t n = q.get_num_subqueries();
  std::vector<std::unique_ptr<Node>> kids;
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return std::make_unique<TermNode>(part, LeafTerm(q), &weights.at(LeafTerm(q)), lengths, combined);
    case Xapian::Query::OP_SCALE_WEIGHT:  // by 0
      return BuildFilter(q, part, combined, cache);
    case Xapian::Query::OP_FILTER:
      kids.push_back(Build(q.get_subquery(0), part, weights, lengths, combined, cache));
      for (size_t i = 1; i < n; ++i) kids.push_back(BuildFilter(q.get_subquery(i), part, combined, cache));
      return std::make_unique<AndNode>(std::move(kids));
    case Xapian::Query::OP_AND_NOT: {
      for (size_t i = 1; i < n; ++i) kids.push_back(BuildFilter(q.get_subquery(i), part, combined, cache));
      auto left = Build(q.get_subquery(0), part, weights, lengths, combined, cache);
      if (kids.empty()) return left;
      auto right = kids.size() == 1 ? std::move(kids[0]) : std::make_unique<OrNode>(std::move(kids));
      return std::make_unique<AndNotNode>(std::move(left), std::move(right));
    }
    case Xapian::Query::OP_PHRASE:
      // Its words, weighted, and the documents where they make the phrase:
      // those the matcher finds (reading position lists as it does for any
      // phrase), or kept from an earlier time; the ranking and counting
      // left to the walk.
      for (size_t i = 0; i < n; ++i) kids.push_back(Build(q.get_subquery(i), part, weights, lengths, combined, cache));
      kids.push_back(std::make_unique<SetNode>(MatchSet::InDatabase(part, q, cache)));
      return std::make_unique<AndNode>(std::move(kids));
    default:  // AND, OR
      for (size_t i = 0; i < n; ++i) kids.push_back(Build(q.get_subquery(i), part, weights, lengths, combined, cache));
      if (q.get_type() == Xapian::Query::OP_AND) return std::make_unique<AndNode>(std::move(kids));
      return std::make_unique<OrNode>(std::move(kids));
  }
}

}  // namespace

bool CanRankCompound(const Xapian::Query& query, const PhraseRule& walk_phrase) {
  std::map<std::string, Xapian::termcount> wqfs;
  return CollectTerms(query, wqfs, walk_phrase) && !wqfs.empty() && wqfs.size() <= kMaxRankedWords;
}

std::vector<RankedMatch> RankCompound(const Shards& shards, const Xapian::Query& query,
                                      std::span<const uint32_t> lengths, size_t top, Xapian::doccount& matches,
                                      const std::function<void(Xapian::docid)>& each) {
  std::map<std::string, Xapian::termcount> wqfs;
  CollectTerms(query, wqfs, [](const Xapian::Query&) { return true; });  // CanRankCompound said which
  std::map<std::string, Bm25Term> weights;
  for (const auto& [term, wqf] : wqfs) weights.try_emplace(term, shards.combined(), term, wqf);
  TopMatches best(top);
  matches = 0;
  shards.ForEachPart([&](const Xapian::Database& part, auto&& to_combined) {
    const ToCombined combined = to_combined;
    for (auto root = Build(query, part, weights, lengths, combined, shards.cache()); !root->at_end(); root->Next()) {
      const Xapian::docid id = combined(root->docid());
      ++matches;
      each(id);
      best.Offer(id, root->Weight());
    }
  });
  return best.Take();
}

}  // namespace councilsearch
