<?php
/**
 * GET: one page of a post's approved comments, as the contract has it: `limit` top-level
 * comments in the chosen order, each with ALL its replies, and a cursor to the next page.
 *
 * @package RecoveryComments
 */

namespace RecoveryComments;

defined( 'ABSPATH' ) || exit;

/** The cursor's shape: "<unix time>-<comment id>" of the last top-level comment already sent. */
const CURSOR_PATTERN = '^[0-9]{1,12}-[0-9]{1,20}$';

/**
 * A page of the thread of post `$post_id`.
 *
 * Every approved comment appears exactly once across the pages: a reply whose parent readers
 * cannot see (pending, spam, deleted) is shown at the top level, and so is a comment caught in
 * a parent cycle (possible in a hand-edited or imported database), instead of disappearing.
 *
 * @param int         $post_id Post ID (the thread).
 * @param int         $limit   Top-level comments per page.
 * @param string|null $cursor  From the previous page's nextCursor.
 * @param string      $sort    'oldest' or 'newest' (top-level order; replies are always oldest first).
 * @return array{thread: string, total: int, comments: array<int, array>, nextCursor: string|null}
 */
function thread_page( $post_id, $limit, $cursor, $sort ) {
	$rows = approved_comment_rows( $post_id );

	// Each approved comment's id => [parent id, unix time].
	$nodes = array();
	foreach ( $rows as $row ) {
		$nodes[ (int) $row->comment_ID ] = array( (int) $row->comment_parent, gmt_time( $row->comment_date_gmt ) );
	}
	$by_time = static function ( $a, $b ) use ( $nodes ) {
		return array( $nodes[ $a ][1], $a ) <=> array( $nodes[ $b ][1], $b );
	};

	$children = array();
	$roots    = array();
	foreach ( $nodes as $id => $node ) {
		$parent = $node[0];
		if ( $parent > 0 && $parent !== $id && isset( $nodes[ $parent ] ) ) {
			$children[ $parent ][] = $id;
		} else {
			$roots[] = $id;
		}
	}
	foreach ( $children as &$list ) {
		usort( $list, $by_time );
	}
	unset( $list );

	// Comments no root reaches sit in a parent cycle: the earliest of each becomes a root.
	$reached = array();
	foreach ( $roots as $root ) {
		descendants( $root, $children, $reached );
	}
	$unreached = array_diff( array_keys( $nodes ), array_keys( $reached ) );
	usort( $unreached, $by_time );
	foreach ( $unreached as $id ) {
		if ( ! isset( $reached[ $id ] ) ) {
			$roots[] = $id;
			descendants( $id, $children, $reached );
		}
	}
	$is_root = array_fill_keys( $roots, true );

	usort( $roots, $by_time );
	if ( 'newest' === $sort ) {
		$roots = array_reverse( $roots );
	}
	if ( null !== $cursor ) {
		list( $after_time, $after_id ) = array_map( 'intval', explode( '-', $cursor, 2 ) );
		$roots                         = array_values(
			array_filter(
				$roots,
				static function ( $id ) use ( $nodes, $after_time, $after_id, $sort ) {
					$order = array( $nodes[ $id ][1], $id ) <=> array( $after_time, $after_id );
					return 'newest' === $sort ? $order < 0 : $order > 0;
				}
			)
		);
	}
	$page_roots = array_slice( $roots, 0, $limit );
	$last       = end( $page_roots );
	$next       = count( $roots ) > $limit && false !== $last ? $nodes[ $last ][1] . '-' . $last : null;

	$ids = array();
	foreach ( $page_roots as $root ) {
		$seen = array();
		$ids  = array_merge( $ids, array_keys( descendants( $root, $children, $seen ) ) );
	}

	$comments = array();
	foreach ( load_comments( $ids ) as $comment ) {
		$id         = (int) $comment->comment_ID;
		$comments[] = public_comment( $comment, isset( $is_root[ $id ] ) ? null : $nodes[ $id ][0] );
	}

	return array(
		'thread'     => (string) $post_id,
		'total'      => count( $nodes ),
		'comments'   => $comments,
		'nextCursor' => $next,
	);
}

/**
 * The id, parent and date of every approved comment of a post: a light query, so a page of a
 * big thread does not load every comment's text to find its top-level comments.
 *
 * @param int $post_id Post ID.
 * @return array<int, object{comment_ID: string, comment_parent: string, comment_date_gmt: string}>
 */
function approved_comment_rows( $post_id ) {
	global $wpdb;
	// Pingbacks and trackbacks are not conversation; '' is the type of comments made before 5.5.
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a read WP_Comment_Query cannot express cheaply.
	return $wpdb->get_results(
		$wpdb->prepare(
			"SELECT comment_ID, comment_parent, comment_date_gmt FROM {$wpdb->comments}
			WHERE comment_post_ID = %d AND comment_approved = '1' AND comment_type IN ('comment', '')",
			$post_id
		)
	);
}

/**
 * The comments with these ids, in this order, through WordPress's cache.
 *
 * @param int[] $ids Comment ids.
 * @return \WP_Comment[]
 */
function load_comments( array $ids ) {
	if ( array() === $ids ) {
		return array();
	}
	$query = new \WP_Comment_Query(
		array(
			'comment__in'               => $ids,
			'orderby'                   => 'comment__in',
			'status'                    => 'approve',
			'type'                      => '',
			'number'                    => '',
			'no_found_rows'             => true,
			'update_comment_meta_cache' => false,
		)
	);
	return $query->comments;
}

/**
 * `$id` and everything below it, depth first, replies oldest first; `$seen` guards cycles.
 *
 * @param int                  $id       A comment id.
 * @param array<int, int[]>    $children Replies of each comment, oldest first.
 * @param array<int, bool>     $seen     Comments already collected (updated).
 * @return array<int, bool> The collected ids as keys, in order.
 */
function descendants( $id, array $children, array &$seen ) {
	$found = array();
	$stack = array( $id );
	while ( array() !== $stack ) {
		$current = array_pop( $stack );
		if ( isset( $seen[ $current ] ) ) {
			continue;
		}
		$seen[ $current ]  = true;
		$found[ $current ] = true;
		if ( isset( $children[ $current ] ) ) {
			// Reversed onto the stack, so the oldest reply comes out first.
			foreach ( array_reverse( $children[ $current ] ) as $child ) {
				$stack[] = $child;
			}
		}
	}
	return $found;
}

/**
 * A MySQL GMT datetime as a unix time (0 for the zero date).
 *
 * @param string $gmt comment_date_gmt.
 * @return int
 */
function gmt_time( $gmt ) {
	$time = strtotime( $gmt . ' UTC' );
	return false === $time || $time < 0 ? 0 : $time;
}
