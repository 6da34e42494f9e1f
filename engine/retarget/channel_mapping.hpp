#pragma once
// ChannelMapping: which of a character's blend shapes each of the 52 ARKit channels drives, and
// how strongly — the table the mapping panel shows and edits, `likeness retarget --map` reads,
// and the session saves. A channel may drive several shapes (browInnerUp -> browInnerUp_L +
// browInnerUp_R), several channels may drive one shape (eyeBlinkLeft and eyeBlinkRight -> a
// symmetric "eyeBlink" at half gain each), and a channel may drive nothing (listed, never
// silently dropped).
//
// The retargeted face is linear in the channels (eq. 1 without corrections): for the take's
// weights w_c, the character shows  S0 + sum_c w_c sum_{(s, g) in table[c]} g dS_s.
#include <array>
#include <string>
#include <vector>

#include "engine/face/arkit_names.hpp"

namespace likeness::retarget {

/// How a channel's entry came about (shown in the mapping panel and the report).
enum class MatchKind {
    kNone,         ///< unmatched: the channel drives nothing
    kExact,        ///< a shape with exactly the ARKit name
    kNormalized,   ///< same words, other case / separators / side convention ("eyeBlink_L")
    kPrefixed,     ///< after leading words ("blendShape1.jawOpen", "Face_JawOpen")
    kSplit,        ///< an unsided channel drives a left and a right shape ("browInnerUp_L/_R")
    kMerged,       ///< a sided channel drives half of a symmetric shape ("eyeBlink")
    kManual,       ///< set by the user
    kTransferred,  ///< a shape made by deformation transfer for this channel
};

const char* match_kind_name(MatchKind kind);  ///< "none", "exact", ..., "transferred"
/// The kind named by match_kind_name(), or kNone for an unknown name.
MatchKind parse_match_kind(const std::string& name);

/// One target shape of a channel: the character's shape name and the gain g its delta gets.
struct MappedShape {
    std::string shape;
    float gain = 1.f;
    bool operator==(const MappedShape& o) const { return shape == o.shape && gain == o.gain; }
};

struct ChannelEntry {
    std::vector<MappedShape> targets;  ///< empty: unmatched
    MatchKind match = MatchKind::kNone;
};

struct ChannelMapping {
    /// One entry per ARKit channel, Apple's order (face::arkit_names()).
    std::array<ChannelEntry, face::kArkitShapeCount> channels;

    // ---- edits (the mapping panel) ----
    /// Replaces channel c's targets (kind kManual; an empty list unmaps it).
    void set(int channel, std::vector<MappedShape> targets, MatchKind kind = MatchKind::kManual);
    /// Adds (or, when the shape is already a target, re-weights) one target of channel c.
    void add(int channel, const MappedShape& target);
    /// Removes one target shape from channel c (no-op when it is not a target).
    void remove(int channel, const std::string& shape);
    /// Unmaps channel c.
    void clear(int channel);
    /// Renames a target shape everywhere (after the character's shape is renamed).
    void rename_shape(const std::string& from, const std::string& to);

    // ---- queries (the report) ----
    bool is_mapped(int channel) const {
        return !channels[static_cast<size_t>(channel)].targets.empty();
    }
    int mapped_count() const;
    /// ARKit names of the channels that drive nothing, Apple's order.
    std::vector<std::string> unmatched_channels() const;
    /// Shapes of `shape_names` that no channel drives, in the rig's order.
    std::vector<std::string> unused_shapes(const std::vector<std::string>& shape_names) const;
    /// Channels (ARKit names) that drive `shape`.
    std::vector<std::string> channels_driving(const std::string& shape) const;

    /// False, with a reason naming the channel and shape, when a target is not one of
    /// `shape_names`, a gain is not finite or outside [-10, 10], or a channel lists a shape
    /// twice.
    bool is_valid(const std::vector<std::string>& shape_names, std::string* error) const;
};

}  // namespace likeness::retarget
