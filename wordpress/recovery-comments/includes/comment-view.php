<?php
/**
 * What a reader may see of a WordPress comment: the Comment object of the HTTP contract
 * (DESIGN.md §4). Email, IP, user agent and avatar never leave here: only the fields below do.
 *
 * @package RecoveryComments
 */

namespace RecoveryComments;

defined( 'ABSPATH' ) || exit;

/**
 * The contract's Comment for a WordPress comment.
 *
 * @param \WP_Comment $comment   The comment.
 * @param int|null    $parent_id The parent to report: the caller decides, since a reply whose
 *                               parent readers cannot see is shown at the top level.
 * @return array{id: string, parentId: string|null, author: array{name: string, url: string|null}, body: string, createdAt: string, status: string}
 */
function public_comment( \WP_Comment $comment, $parent_id ) {
	return array(
		'id'        => (string) $comment->comment_ID,
		'parentId'  => $parent_id ? (string) $parent_id : null,
		'author'    => array(
			// WordPress shows a nameless comment (allowed when name and email are optional) as "Anonymous".
			'name' => '' !== plain_name( $comment->comment_author ) ? plain_name( $comment->comment_author ) : __( 'Anonymous' ),
			'url'  => public_url( $comment->comment_author_url ),
		),
		'body'      => html_to_text( $comment->comment_content ),
		'createdAt' => iso_date( $comment ),
		// Spam and trash only ever reach a reader in the answer to their own POST, and must look
		// like any comment awaiting moderation there.
		'status'    => '1' === (string) $comment->comment_approved ? 'published' : 'pending',
	);
}

/**
 * An author's website when it is an http(s) address, else null.
 *
 * @param string $url comment_author_url.
 * @return string|null
 */
function public_url( $url ) {
	$url    = trim( (string) $url );
	$scheme = strtolower( (string) wp_parse_url( $url, PHP_URL_SCHEME ) );
	if ( '' === $url || ( 'http' !== $scheme && 'https' !== $scheme ) ) {
		return null;
	}
	return esc_url_raw( $url, array( 'http', 'https' ) );
}

/**
 * When the comment was written, in ISO 8601 UTC.
 *
 * @param \WP_Comment $comment The comment.
 * @return string
 */
function iso_date( \WP_Comment $comment ) {
	$gmt = (string) $comment->comment_date_gmt;
	// Comments imported by some tools have no GMT date; the local one is in the site's zone.
	if ( '' === $gmt || 0 === strpos( $gmt, '0000-00-00' ) ) {
		$gmt = get_gmt_from_date( $comment->comment_date );
	}
	$time = strtotime( $gmt . ' UTC' );
	return gmdate( 'Y-m-d\TH:i:s\Z', false === $time ? 0 : $time );
}
