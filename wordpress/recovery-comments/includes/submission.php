<?php
/**
 * POST: a reader's comment, through WordPress's own comment path, exactly once per clientId.
 *
 * @package RecoveryComments
 */

namespace RecoveryComments;

defined( 'ABSPATH' ) || exit;

/** Comment meta: the element's idempotency key for this comment. */
const META_CLIENT_ID = '_recovery_comments_client_id';

/** Comment meta: a hash of the text as sent, to tell a retry from another comment with the same key. */
const META_BODY_HASH = '_recovery_comments_body_hash';

/** WordPress refuses a second comment from one reader within this many seconds (wp_throttle_comment_flood). */
const FLOOD_SECONDS = 15;

/**
 * Submits a comment to post `$post_id`.
 *
 * Goes through wp_handle_comment_submission(), the function behind wp-comments-post.php, so
 * every Discussion setting and every plugin hooked into commenting (anti-spam, notifications,
 * moderation rules) applies as it does to WordPress's own form.
 *
 * @param int   $post_id The thread.
 * @param array $input   The validated JSON body: clientId, parentId, author{name,email,url}, body, hp.
 * @return array{status: int, comment: array}|\WP_Error
 */
function submit_comment( $post_id, array $input ) {
	$client_id = strtolower( $input['clientId'] );
	$author    = isset( $input['author'] ) && is_array( $input['author'] ) ? $input['author'] : array();
	$name      = sanitize_text_field( isset( $author['name'] ) ? (string) $author['name'] : '' );
	$email     = trim( isset( $author['email'] ) ? (string) $author['email'] : '' );
	$url       = trim( isset( $author['url'] ) ? (string) $author['url'] : '' );
	$body      = str_replace( array( "\r\n", "\r" ), "\n", trim( (string) $input['body'] ) );
	$parent_id = isset( $input['parentId'] ) && '' !== (string) $input['parentId'] ? (string) $input['parentId'] : null;
	$body_hash = hash( 'sha256', $body );

	// A bot filled the field humans never see: it is told what a held comment looks like, so it
	// learns nothing, and nothing is kept or sent to anyone.
	if ( isset( $input['hp'] ) && '' !== (string) $input['hp'] ) {
		return array(
			'status'  => 202,
			'comment' => array(
				'id'        => 'held-' . wp_generate_uuid4(),
				'parentId'  => $parent_id,
				'author'    => array(
					'name' => $name,
					'url'  => public_url( $url ),
				),
				'body'      => $body,
				'createdAt' => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'status'    => 'pending',
			),
		);
	}

	$replayed = replay( $client_id, $post_id, $body_hash );
	if ( null !== $replayed ) {
		return $replayed;
	}

	$invalid = invalid_field( $post_id, $name, $email, $url, $body, $parent_id );
	if ( null !== $invalid ) {
		return $invalid;
	}

	// The key is stored with the comment row itself (wp_insert_comment's comment_meta), before
	// any notification goes out, so a retry that races the first request finds it.
	$attach_key = static function ( $commentdata ) use ( $client_id, $body_hash ) {
		$commentdata['comment_meta'] = array(
			META_CLIENT_ID => $client_id,
			META_BODY_HASH => $body_hash,
		);
		return $commentdata;
	};
	add_filter( 'preprocess_comment', $attach_key, PHP_INT_MAX );
	try {
		$result = wp_handle_comment_submission(
			array(
				'comment_post_ID' => $post_id,
				'comment_parent'  => null === $parent_id ? 0 : (int) $parent_id,
				'author'          => $name,
				'email'           => $email,
				'url'             => $url,
				'comment'         => text_to_html( $body ),
			)
		);
	} finally {
		remove_filter( 'preprocess_comment', $attach_key, PHP_INT_MAX );
	}

	if ( is_wp_error( $result ) ) {
		// Two copies of one request crossed: the first one's comment is the answer to both.
		if ( 'comment_duplicate' === $result->get_error_code() ) {
			$replayed = replay( $client_id, $post_id, $body_hash );
			if ( null !== $replayed ) {
				return $replayed;
			}
		}
		return wordpress_refusal( $result, $name );
	}

	return array(
		'status'  => '1' === (string) $result->comment_approved ? 201 : 202,
		'comment' => public_comment( $result, $result->comment_parent ),
	);
}

/**
 * The answer to a clientId already used: 200 with the same comment for the same text on the
 * same post, 409 otherwise; null when the key is new.
 *
 * @param string $client_id The key.
 * @param int    $post_id   The thread.
 * @param string $body_hash Hash of the text sent now.
 * @return array{status: int, comment: array}|\WP_Error|null
 */
function replay( $client_id, $post_id, $body_hash ) {
	global $wpdb;
	// Any status: a comment that went to spam or trash still answers its own retry, as pending.
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- get_comments() cannot search every status at once.
	$comment_id = $wpdb->get_var(
		$wpdb->prepare(
			"SELECT comment_id FROM {$wpdb->commentmeta} WHERE meta_key = %s AND meta_value = %s ORDER BY comment_id LIMIT 1",
			META_CLIENT_ID,
			$client_id
		)
	);
	$comment    = $comment_id ? get_comment( (int) $comment_id ) : null;
	if ( ! $comment instanceof \WP_Comment ) {
		return null;
	}
	if ( (int) $comment->comment_post_ID !== (int) $post_id || get_comment_meta( $comment->comment_ID, META_BODY_HASH, true ) !== $body_hash ) {
		return new \WP_Error(
			'client_id_conflict',
			__( 'A different comment was already sent with this client id. Please send your comment again as a new one.', 'recovery-comments' ),
			array(
				'status' => 409,
				'field'  => 'clientId',
			)
		);
	}
	return array(
		'status'  => 200,
		'comment' => public_comment( $comment, $comment->comment_parent ),
	);
}

/**
 * The first field the reader must fix, as a 422 naming it; null when all are fine. WordPress
 * checks most of this too, but its errors do not say which field is wrong.
 *
 * @param int         $post_id   The thread.
 * @param string      $name      Author name.
 * @param string      $email     Author email ('' when not given).
 * @param string      $url       Author website ('' when not given).
 * @param string      $body      Comment text.
 * @param string|null $parent_id The comment replied to.
 * @return \WP_Error|null
 */
function invalid_field( $post_id, $name, $email, $url, $body, $parent_id ) {
	$required = (bool) get_option( 'require_name_email' );
	$limits   = wp_get_comment_fields_max_lengths();
	if ( '' === $body ) {
		return field_error( 'body_required', __( 'Please write a comment.', 'recovery-comments' ), 'body' );
	}
	if ( strlen( text_to_html( $body ) ) > $limits['comment_content'] ) {
		return field_error( 'body_too_long', __( 'Your comment is too long.', 'recovery-comments' ), 'body' );
	}
	if ( $required && '' === $name ) {
		return field_error( 'name_required', __( 'Please enter your name.', 'recovery-comments' ), 'author.name' );
	}
	if ( strlen( $name ) > $limits['comment_author'] ) {
		return field_error( 'name_too_long', __( 'Your name is too long.', 'recovery-comments' ), 'author.name' );
	}
	if ( $required && '' === $email ) {
		return field_error( 'email_required', __( 'Please enter your email address. It will not be published.', 'recovery-comments' ), 'author.email' );
	}
	if ( '' !== $email && ! is_email( $email ) ) {
		return field_error( 'email_invalid', __( 'Please enter a valid email address.', 'recovery-comments' ), 'author.email' );
	}
	if ( strlen( $email ) > $limits['comment_author_email'] ) {
		return field_error( 'email_too_long', __( 'This email address is too long.', 'recovery-comments' ), 'author.email' );
	}
	if ( '' !== $url && null === public_url( $url ) ) {
		return field_error( 'url_invalid', __( 'Your website must be a full address starting with http:// or https://.', 'recovery-comments' ), 'author.url' );
	}
	if ( strlen( $url ) > $limits['comment_author_url'] ) {
		return field_error( 'url_too_long', __( 'This website address is too long.', 'recovery-comments' ), 'author.url' );
	}
	if ( null !== $parent_id ) {
		$parent = ctype_digit( $parent_id ) ? get_comment( (int) $parent_id ) : null;
		// WordPress lets a reply hang under an approved or a held comment of the same post.
		$status = $parent instanceof \WP_Comment ? wp_get_comment_status( $parent ) : '';
		if ( ! $parent instanceof \WP_Comment || (int) $parent->comment_post_ID !== (int) $post_id || ! in_array( $status, array( 'approved', 'unapproved' ), true ) ) {
			return field_error( 'parent_not_found', __( 'The comment you are replying to could not be found. It may have been removed.', 'recovery-comments' ), 'parentId' );
		}
	}
	return null;
}

/**
 * What a refusal from WordPress (or a plugin hooked into it) means for the reader.
 *
 * @param \WP_Error $error From wp_handle_comment_submission().
 * @param string    $name  The author name sent, to tell which required field is missing.
 * @return \WP_Error
 */
function wordpress_refusal( \WP_Error $error, $name ) {
	$code = $error->get_error_code();
	switch ( $code ) {
		case 'comment_flood':
			return new \WP_Error(
				'too_fast',
				__( 'You are posting comments too quickly. Please wait a few seconds and try again.', 'recovery-comments' ),
				array(
					'status'      => 429,
					'retry_after' => FLOOD_SECONDS,
				)
			);
		case 'comment_closed':
			return new \WP_Error( 'comments_closed', __( 'Comments are closed on this post.', 'recovery-comments' ), array( 'status' => 403 ) );
		case 'comment_duplicate':
			return new \WP_Error( 'duplicate_comment', __( 'You have already posted this comment.', 'recovery-comments' ), array( 'status' => 409 ) );
		case 'comment_id_not_found':
		case 'comment_on_trash':
		case 'comment_on_draft':
			return thread_not_found();
		case 'comment_on_password_protected':
			return new \WP_Error( 'password_protected', __( 'This post is password protected.', 'recovery-comments' ), array( 'status' => 403 ) );
		case 'not_logged_in':
			return new \WP_Error( 'login_required', __( 'This site only accepts comments from signed-in users.', 'recovery-comments' ), array( 'status' => 403 ) );
		case 'require_name_email':
			return '' === $name
				? field_error( 'name_required', __( 'Please enter your name.', 'recovery-comments' ), 'author.name' )
				: field_error( 'email_required', __( 'Please enter your email address. It will not be published.', 'recovery-comments' ), 'author.email' );
		case 'require_valid_email':
			return field_error( 'email_invalid', __( 'Please enter a valid email address.', 'recovery-comments' ), 'author.email' );
		case 'require_valid_comment':
			return field_error( 'body_required', __( 'Please write a comment.', 'recovery-comments' ), 'body' );
		case 'comment_author_column_length':
			return field_error( 'name_too_long', __( 'Your name is too long.', 'recovery-comments' ), 'author.name' );
		case 'comment_author_email_column_length':
			return field_error( 'email_too_long', __( 'This email address is too long.', 'recovery-comments' ), 'author.email' );
		case 'comment_author_url_column_length':
			return field_error( 'url_too_long', __( 'This website address is too long.', 'recovery-comments' ), 'author.url' );
		case 'comment_content_column_length':
			return field_error( 'body_too_long', __( 'Your comment is too long.', 'recovery-comments' ), 'body' );
	}
	// A plugin's own refusal (pre_comment_approved may return a WP_Error): its words, as text.
	$data    = $error->get_error_data();
	$status  = is_array( $data ) && isset( $data['status'] ) ? (int) $data['status'] : ( is_int( $data ) ? $data : 0 );
	$message = plain_text_message( $error->get_error_message() );
	return new \WP_Error(
		'comment_refused',
		'' !== $message ? $message : __( 'This comment could not be accepted.', 'recovery-comments' ),
		array( 'status' => $status >= 400 && $status < 600 ? $status : 403 )
	);
}

/**
 * A 422 about one field.
 *
 * @param string $code    Machine-readable code.
 * @param string $message What the reader reads next to the field.
 * @param string $field   The contract's field name ("author.name", "body", ...).
 * @return \WP_Error
 */
function field_error( $code, $message, $field ) {
	return new \WP_Error(
		$code,
		$message,
		array(
			'status' => 422,
			'field'  => $field,
		)
	);
}

/**
 * The 404 for a post that does not exist or that readers cannot see.
 *
 * @return \WP_Error
 */
function thread_not_found() {
	return new \WP_Error( 'thread_not_found', __( 'There is no post with these comments.', 'recovery-comments' ), array( 'status' => 404 ) );
}

/**
 * An error message as plain text ("<strong>Error:</strong> ..." becomes "...").
 *
 * @param string $message HTML from WordPress.
 * @return string
 */
function plain_text_message( $message ) {
	$text = html_entity_decode( wp_strip_all_tags( (string) $message ), ENT_QUOTES | ENT_HTML5, 'UTF-8' );
	return trim( preg_replace( '/^Error:\s*/i', '', $text ) );
}
