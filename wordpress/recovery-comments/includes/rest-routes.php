<?php
/**
 * The REST routes of the element's HTTP contract (DESIGN.md §4) under recovery-comments/v1:
 * GET and POST /threads/{postId}/comments, with errors in the contract's shape.
 *
 * @package RecoveryComments
 */

namespace RecoveryComments;

defined( 'ABSPATH' ) || exit;

/** The REST namespace. */
const REST_NAMESPACE = 'recovery-comments/v1';

/** How long a shared cache (CDN, page cache) may keep a GET answer, in seconds (s-maxage). */
const GET_MAX_AGE = 15;

/**
 * Registers the routes (on rest_api_init).
 */
function register_routes() {
	register_rest_route(
		REST_NAMESPACE,
		'/threads/(?P<thread>[0-9]+)/comments',
		array(
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => __NAMESPACE__ . '\\get_comments_route',
				// Public like the comments WordPress prints on the post itself: only approved
				// comments of a post readers can see are answered (checked in the callback).
				'permission_callback' => '__return_true',
				'args'                => array(
					'limit'  => array(
						'type'    => 'integer',
						'minimum' => 1,
						'maximum' => 200,
						'default' => 50,
					),
					'cursor' => array(
						'type'      => 'string',
						'pattern'   => CURSOR_PATTERN,
						'maxLength' => 40,
					),
					'sort'   => array(
						'type'    => 'string',
						'enum'    => array( 'oldest', 'newest' ),
						'default' => 'oldest',
					),
				),
			),
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => __NAMESPACE__ . '\\post_comment_route',
				// Anyone may comment where WordPress's own form lets them: the Discussion settings
				// decide, inside wp_handle_comment_submission(). No nonce: a nonce protects what a
				// signed-in user does with their cookies, and these requests carry none (the
				// element sends credentials: 'omit') and are always handled as anonymous, so a
				// cross-site request can never comment as the site's signed-in user.
				'permission_callback' => '__return_true',
				'args'                => array(
					'clientId' => array(
						'type'     => 'string',
						'required' => true,
						'pattern'  => '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$',
					),
					'parentId' => array(
						'type'      => array( 'string', 'null' ),
						'maxLength' => 20,
					),
					'author'   => array(
						'type'       => 'object',
						'required'   => true,
						'properties' => array(
							'name'  => array(
								'type'      => 'string',
								'maxLength' => 1000,
							),
							'email' => array(
								'type'      => array( 'string', 'null' ),
								'maxLength' => 1000,
							),
							'url'   => array(
								'type'      => array( 'string', 'null' ),
								'maxLength' => 4000,
							),
						),
					),
					'body'     => array(
						'type'     => 'string',
						'required' => true,
					),
					'hp'       => array(
						'type' => array( 'string', 'null' ),
					),
				),
			),
		)
	);
}

/**
 * GET: a page of the post's approved comments.
 *
 * @param \WP_REST_Request $request The request.
 * @return \WP_REST_Response|\WP_Error
 */
function get_comments_route( \WP_REST_Request $request ) {
	$post = readable_post( (int) $request['thread'] );
	if ( null === $post ) {
		return thread_not_found();
	}
	$cursor = $request['cursor'];
	$page   = thread_page(
		$post->ID,
		(int) $request['limit'],
		is_string( $cursor ) && '' !== $cursor ? $cursor : null,
		'newest' === $request['sort'] ? 'newest' : 'oldest'
	);
	$response = new \WP_REST_Response( $page, 200 );
	// The same for every reader (nobody's pending comment is ever in it), so a shared cache (a
	// CDN, a page cache) may keep it briefly. Browsers ask again every time (max-age=0): a
	// reader reloading after a moderator's approval must see it.
	$response->header( 'Cache-Control', 'public, max-age=0, s-maxage=' . GET_MAX_AGE );
	return $response;
}

/**
 * POST: a new comment (or the answer to a retry of one).
 *
 * @param \WP_REST_Request $request The request.
 * @return \WP_REST_Response|\WP_Error
 */
function post_comment_route( \WP_REST_Request $request ) {
	$post = readable_post( (int) $request['thread'] );
	if ( null === $post ) {
		return thread_not_found();
	}
	// Anonymous always, whatever credentials arrived: see the route's permission_callback.
	wp_set_current_user( 0 );

	// JSON bodies are not slashed by WordPress (only $_GET/$_POST are); wp_unslash is for those.
	$result = submit_comment(
		$post->ID,
		array(
			'clientId' => (string) $request['clientId'],
			'parentId' => $request['parentId'],
			'author'   => (array) $request['author'],
			'body'     => (string) $request['body'],
			'hp'       => $request['hp'],
		)
	);
	if ( is_wp_error( $result ) ) {
		return $result;
	}
	$response = new \WP_REST_Response( $result['comment'], $result['status'] );
	// A held comment is for its author's eyes only.
	$response->header( 'Cache-Control', 'no-store' );
	return $response;
}

/**
 * The post, when readers may see it and its comments; null otherwise.
 *
 * @param int $post_id Post ID from the URL.
 * @return \WP_Post|null
 */
function readable_post( $post_id ) {
	$post = get_post( $post_id );
	if ( ! $post instanceof \WP_Post || ! is_post_publicly_viewable( $post ) || post_password_required( $post ) ) {
		return null;
	}
	if ( ! post_type_supports( $post->post_type, 'comments' ) ) {
		return null;
	}
	return $post;
}

/**
 * Rewrites every error of this namespace, ours and WordPress's (a bad parameter, no such
 * route), into the contract's { "error": { "code", "message", "field" } } (on rest_post_dispatch).
 *
 * @param \WP_REST_Response $response The answer about to be sent.
 * @param \WP_REST_Server   $server   The server.
 * @param \WP_REST_Request  $request  The request.
 * @return \WP_REST_Response
 */
function contract_errors( $response, $server, $request ) {
	unset( $server );
	$route = $request->get_route();
	if ( 0 !== strpos( $route, '/' . REST_NAMESPACE . '/' ) && '/' . REST_NAMESPACE !== $route ) {
		return $response;
	}
	$data = $response->get_data();
	if ( $response->get_status() < 400 || ! is_array( $data ) || ! isset( $data['code'], $data['message'] ) ) {
		return $response;
	}
	$details = isset( $data['data'] ) && is_array( $data['data'] ) ? $data['data'] : array();
	$field   = isset( $details['field'] ) ? (string) $details['field'] : null;
	$message = plain_text_message( $data['message'] );
	$code    = (string) $data['code'];

	// WordPress's own parameter checks: a wrong type is a broken client (400), named precisely.
	if ( 'rest_invalid_param' === $code || 'rest_missing_callback_param' === $code ) {
		$params = isset( $details['params'] ) ? (array) $details['params'] : array();
		if ( 'rest_missing_callback_param' === $code ) {
			// Here params lists the missing names; for an invalid one it maps name => message.
			$field = 'author' === reset( $params ) ? 'author.name' : (string) reset( $params );
			/* translators: %s: a request field, e.g. "body". */
			$message = sprintf( __( 'The request is missing the field "%s".', 'recovery-comments' ), $field );
		} else {
			$field   = invalid_param_field( (string) array_key_first( $params ), (string) reset( $params ) );
			$message = plain_text_message( (string) reset( $params ) );
		}
		$code = 'invalid_request';
	} elseif ( 'rest_no_route' === $code ) {
		$code = 'not_found';
	}

	$contract = new \WP_REST_Response(
		array(
			'error' => array(
				'code'    => $code,
				'message' => '' !== $message ? $message : __( 'The request could not be handled.', 'recovery-comments' ),
				'field'   => $field,
			),
		),
		$response->get_status()
	);
	if ( isset( $details['retry_after'] ) ) {
		$contract->header( 'Retry-After', (string) (int) $details['retry_after'] );
	}
	$contract->header( 'Cache-Control', 'no-store' );
	return $contract;
}

/**
 * The contract's field name for a parameter WordPress refused ("author" + "author[email] is not
 * of type string,null." gives "author.email").
 *
 * @param string $param   Top-level parameter.
 * @param string $message WordPress's message about it.
 * @return string
 */
function invalid_param_field( $param, $message ) {
	if ( preg_match( '/^' . preg_quote( $param, '/' ) . '\[([A-Za-z]+)\]/', $message, $match ) ) {
		return $param . '.' . $match[1];
	}
	return 'author' === $param ? 'author.name' : $param;
}

/**
 * Makes the element's GETs work with plain permalinks (on parse_request, before WordPress
 * routes REST requests). There the endpoint is "…/?rest_route=/recovery-comments/v1", and the
 * element appends "/threads/1/comments?limit=50&sort=oldest": the second "?" leaves
 * "limit=50" inside rest_route, so no route would match. This moves the query back out.
 *
 * @param \WP $wp The request being parsed.
 */
function repair_plain_rest_route( $wp ) {
	if ( empty( $wp->query_vars['rest_route'] ) || ! is_string( $wp->query_vars['rest_route'] ) ) {
		return;
	}
	$route = $wp->query_vars['rest_route'];
	if ( 0 !== strpos( $route, '/' . REST_NAMESPACE . '/' ) || false === strpos( $route, '?' ) ) {
		return;
	}
	list( $path, $query ) = explode( '?', $route, 2 );
	parse_str( $query, $params );
	$wp->query_vars['rest_route'] = $path;
	foreach ( $params as $key => $value ) {
		if ( ! isset( $_GET[ $key ] ) ) {
			// $_GET is slashed by WordPress at load; the REST server unslashes it.
			$_GET[ $key ] = wp_slash( $value ); // phpcs:ignore WordPress.Security.NonceVerification
		}
	}
}
